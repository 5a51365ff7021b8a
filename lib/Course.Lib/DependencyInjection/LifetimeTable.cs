using System.Text;

namespace Course.DependencyInjection;

/// <summary>
/// Collects which instance each service resolved to, per request and per resolution, and draws it as a text table:
/// one row per service, one column per resolution (<c>req 1 · 1st</c>, <c>req 1 · 2nd</c>, <c>req 2 · 1st</c>…), and a
/// verdict column that names the lifetime the observations show (same everywhere → singleton; same within a request,
/// new per request → scoped; new every time → transient).
/// </summary>
public sealed class LifetimeTable
{
    private readonly Lock _gate = new();
    private readonly List<string> _services = [];
    private readonly List<string> _columns = [];
    private readonly Dictionary<(string Service, string Column), string> _cells = [];
    private readonly Dictionary<string, int> _requestOfColumn = [];

    /// <summary>Records that, in request <paramref name="request"/> (1, 2, …), resolution <paramref name="resolution"/> (1, 2, …) of <paramref name="service"/> gave the instance labelled <paramref name="instanceLabel"/>.</summary>
    public void Observe(string service, int request, int resolution, string instanceLabel)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(instanceLabel);
        ArgumentOutOfRangeException.ThrowIfLessThan(request, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        var column = $"req {request} · {Ordinal(resolution)}";
        lock (_gate)
        {
            if (!_services.Contains(service))
            {
                _services.Add(service);
            }
            if (!_columns.Contains(column))
            {
                _columns.Add(column);
                _requestOfColumn[column] = request;
            }
            _cells[(service, column)] = instanceLabel;
        }
    }

    /// <summary>
    /// The lifetime the observations of <paramref name="service"/> show: <c>singleton</c>, <c>scoped</c>, <c>transient</c>,
    /// or <c>?</c> when they fit none (or there are too few to tell: two requests with two resolutions each are needed).
    /// </summary>
    public string Verdict(string service)
    {
        lock (_gate)
        {
            return VerdictUnlocked(service);
        }
    }

    private string VerdictUnlocked(string service)
    {
        {
            var seen = _columns.Where(c => _cells.ContainsKey((service, c)))
                .Select(c => (Request: _requestOfColumn[c], Label: _cells[(service, c)])).ToList();
            var byRequest = seen.GroupBy(s => s.Request).ToList();
            if (byRequest.Count < 2 || byRequest.Any(g => g.Count() < 2))
            {
                return "?";
            }
            if (seen.Select(s => s.Label).Distinct().Count() == 1)
            {
                return "singleton";
            }
            var oneEachRequest = byRequest.All(g => g.Select(s => s.Label).Distinct().Count() == 1);
            if (oneEachRequest && byRequest.Select(g => g.First().Label).Distinct().Count() == byRequest.Count)
            {
                return "scoped";
            }
            return seen.Select(s => s.Label).Distinct().Count() == seen.Count ? "transient" : "?";
        }
    }

    /// <summary>The table as monospaced text, with a header row, a rule, and the verdict in the last column.</summary>
    public string ToText()
    {
        lock (_gate)
        {
            var header = new List<string> { "service" };
            header.AddRange(_columns);
            header.Add("→ lifetime");
            var rows = new List<List<string>> { header };
            foreach (var service in _services)
            {
                var row = new List<string> { service };
                row.AddRange(_columns.Select(c => _cells.GetValueOrDefault((service, c), "-")));
                row.Add(VerdictUnlocked(service));
                rows.Add(row);
            }
            var widths = Enumerable.Range(0, header.Count).Select(i => rows.Max(r => r[i].Length)).ToArray();
            var text = new StringBuilder();
            for (var r = 0; r < rows.Count; r++)
            {
                text.AppendLine(string.Join("  ", rows[r].Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
                if (r == 0)
                {
                    text.AppendLine(string.Join("  ", widths.Select(w => new string('─', w))));
                }
            }
            return text.ToString().TrimEnd();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private static string Ordinal(int n) => n switch { 1 => "1st", 2 => "2nd", 3 => "3rd", _ => $"{n}th" };
}
