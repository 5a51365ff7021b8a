using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Course.Kernel;

/// <summary>
/// The cells this kernel ran with <c>store_history</c>, answering <c>history_request</c> (tail, range and
/// search) for the current session. Earlier sessions are not kept: the course engine keeps no history database.
/// </summary>
internal sealed class ExecutionHistory
{
    /// <summary>The number the kernel's only session has in history replies.</summary>
    public const int Session = 1;

    private readonly List<(int Line, string Input, string? Output)> _entries = [];
    private readonly Lock _lock = new();

    public void Add(int line, string input, string? output)
    {
        lock (_lock)
        {
            _entries.Add((line, input, output));
        }
    }

    /// <summary>The <c>history_reply</c> content for a <c>history_request</c>'s content.</summary>
    public JsonObject Reply(JsonObject request)
    {
        var withOutput = request["output"]?.GetValue<bool>() ?? false;
        var n = request["n"]?.GetValue<int?>();
        List<(int Line, string Input, string? Output)> entries;
        lock (_lock)
        {
            entries = [.. _entries];
        }
        IEnumerable<(int Line, string Input, string? Output)> selected = (request["hist_access_type"]?.GetValue<string>()) switch
        {
            "tail" => entries.TakeLast(n ?? 10),
            "range" => Range(entries, request),
            "search" => Search(entries, request, n),
            _ => [],
        };
        return new JsonObject
        {
            ["status"] = "ok",
            ["history"] = new JsonArray([.. selected.Select(e => new JsonArray(
                Session, e.Line, withOutput ? new JsonArray(e.Input, e.Output) : JsonValue.Create(e.Input)))]),
        };
    }

    // session 0 (or a negative offset of 0) is the current one, as is this kernel's own number.
    private static IEnumerable<(int Line, string Input, string? Output)> Range(List<(int Line, string Input, string? Output)> entries, JsonObject request)
    {
        var session = request["session"]?.GetValue<int?>() ?? 0;
        if (session is not (0 or Session))
        {
            return [];
        }
        var start = request["start"]?.GetValue<int?>() ?? 0;
        var stop = request["stop"]?.GetValue<int?>();
        return entries.Where(e => e.Line >= start && (stop is null or 0 || e.Line < stop));
    }

    // The pattern is a glob (* and ?), as in IPython; unique keeps the last run of each input.
    private static IEnumerable<(int Line, string Input, string? Output)> Search(List<(int Line, string Input, string? Output)> entries, JsonObject request, int? n)
    {
        var glob = request["pattern"]?.GetValue<string>() ?? "*";
        var pattern = new Regex("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.Singleline);
        var matches = entries.Where(e => pattern.IsMatch(e.Input));
        if (request["unique"]?.GetValue<bool>() ?? false)
        {
            matches = matches.Reverse().DistinctBy(e => e.Input).Reverse();
        }
        return n is > 0 ? matches.TakeLast(n.Value) : matches;
    }
}
