using System.Globalization;
using System.Text;
using Course.Display;

namespace Course.Concurrency;

/// <summary>Draws a <see cref="Timeline"/>'s entries: one row per label, on a time axis in milliseconds.</summary>
internal static class TimelineChart
{
    private const string Empty = "timeline: nothing recorded yet";
    private const int TextWidth = 50;
    private const double PlotWidth = 600, RowHeight = 24, BarHeight = 14, LegendHeight = 22, AxisHeight = 22;
    private static readonly string[] s_palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Rows of <c>#</c> bars and <c>*</c> marks, each followed by its entries' times and threads.</summary>
    public static string Text(IReadOnlyList<TimelineEntry> entries)
    {
        if (entries.Count == 0)
        {
            return Empty;
        }
        var total = TotalMilliseconds(entries);
        var rows = Rows(entries);
        var labelWidth = rows.Max(row => row.Key.Length);
        var text = new StringBuilder();
        text.Append(Invariant($"timeline: {Count(entries, "span", e => !e.IsMark)}{Count(entries, "mark", e => e.IsMark)}{LatestEnd(entries):0.0} ms, {Threads(entries).Count} thread(s)\n"));
        var right = Invariant($"{total:0.0} ms");
        text.Append(' ', labelWidth + 2).Append("0 ms".PadRight(TextWidth - right.Length)).Append(right).Append('\n');
        foreach (var row in rows)
        {
            var line = new char[TextWidth];
            Array.Fill(line, ' ');
            foreach (var entry in row)
            {
                var from = Column(entry.Start.TotalMilliseconds, total);
                var to = Math.Max(from, Column(entry.End.TotalMilliseconds, total));
                for (var column = from; column <= to; column++)
                {
                    line[column] = entry.IsMark ? '*' : '#';
                }
            }
            text.Append(row.Key.PadRight(labelWidth)).Append(" |").Append(line).Append("|  ")
                .AppendJoin("; ", row.Select(entry => entry.ToString()[(entry.Label.Length + 2)..])).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>An SVG chart: a legend of threads, one row per label, bars coloured by the thread a span started on.</summary>
    public static string Html(IReadOnlyList<TimelineEntry> entries)
    {
        if (entries.Count == 0)
        {
            return $"<div style=\"font-family:monospace\">{Display.Html.Encode(Empty)}</div>";
        }
        var total = TotalMilliseconds(entries);
        var rows = Rows(entries);
        var threads = Threads(entries);
        var labelWidth = Math.Clamp(rows.Max(row => row.Key.Length) * 7 + 16, 60, 240);
        var width = labelWidth + PlotWidth + 20;
        var height = LegendHeight + rows.Count * RowHeight + AxisHeight;
        double X(TimeSpan at) => labelWidth + at.TotalMilliseconds / total * PlotWidth;
        string Colour(int thread) => s_palette[threads.IndexOf(thread) % s_palette.Length];

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" font-family=\"sans-serif\" font-size=\"12\">"));
        // Legend: one swatch per thread.
        var legendX = (double)labelWidth;
        foreach (var thread in threads)
        {
            svg.Append(Invariant($"<rect x=\"{legendX:0.#}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{Colour(thread)}\"/>"));
            svg.Append(Invariant($"<text x=\"{legendX + 16:0.#}\" y=\"14\">thread {thread}</text>"));
            legendX += 90;
        }
        // Rows: the label, then each entry's bar (or a diamond for a mark) with a tooltip.
        for (var i = 0; i < rows.Count; i++)
        {
            var top = LegendHeight + i * RowHeight;
            var middle = top + RowHeight / 2;
            if (i % 2 == 0)
            {
                svg.Append(Invariant($"<rect x=\"0\" y=\"{top:0.#}\" width=\"{width:0}\" height=\"{RowHeight:0}\" fill=\"#f4f4f4\"/>"));
            }
            svg.Append(Invariant($"<text x=\"{labelWidth - 8}\" y=\"{middle + 4:0.#}\" text-anchor=\"end\">{Display.Html.Encode(rows[i].Key)}</text>"));
            foreach (var entry in rows[i])
            {
                var tooltip = $"<title>{Display.Html.Encode(entry.ToString())}</title>";
                var x = X(entry.Start);
                if (entry.IsMark)
                {
                    svg.Append(Invariant($"<path d=\"M{x:0.#} {middle - 6:0.#} l6 6 l-6 6 l-6 -6 z\" fill=\"{Colour(entry.StartThreadId)}\" stroke=\"#333\">{tooltip}</path>"));
                    continue;
                }
                var barWidth = Math.Max(2, X(entry.End) - x);
                svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{middle - BarHeight / 2:0.#}\" width=\"{barWidth:0.#}\" height=\"{BarHeight:0}\" fill=\"{Colour(entry.StartThreadId)}\">{tooltip}</rect>"));
                if (entry.EndThreadId != entry.StartThreadId)
                {
                    // The end cap shows the thread the span ended on.
                    var cap = Math.Min(6, barWidth / 2);
                    svg.Append(Invariant($"<rect x=\"{x + barWidth - cap:0.#}\" y=\"{middle - BarHeight / 2:0.#}\" width=\"{cap:0.#}\" height=\"{BarHeight:0}\" fill=\"{Colour(entry.EndThreadId)}\" stroke=\"#fff\">{tooltip}</rect>"));
                }
            }
        }
        // Axis: ticks every 1, 2 or 5 × 10ⁿ ms.
        var axisY = LegendHeight + rows.Count * RowHeight;
        svg.Append(Invariant($"<line x1=\"{labelWidth}\" y1=\"{axisY:0.#}\" x2=\"{labelWidth + PlotWidth:0.#}\" y2=\"{axisY:0.#}\" stroke=\"#333\"/>"));
        var step = TickStep(total);
        for (var tick = 0.0; tick <= total + step / 1000; tick += step)
        {
            var x = labelWidth + tick / total * PlotWidth;
            svg.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{axisY:0.#}\" x2=\"{x:0.#}\" y2=\"{axisY + 4:0.#}\" stroke=\"#333\"/>"));
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{axisY + 16:0.#}\" text-anchor=\"middle\">{tick:0.###}</text>"));
        }
        svg.Append(Invariant($"<text x=\"{labelWidth - 8}\" y=\"{axisY + 16:0.#}\" text-anchor=\"end\">ms</text>"));
        svg.Append("</svg>");
        return "<div style=\"overflow-x:auto\">" + svg + "</div>";
    }

    /// <summary>One row per label, in the order labels first appear.</summary>
    private static List<IGrouping<string, TimelineEntry>> Rows(IReadOnlyList<TimelineEntry> entries) =>
        [.. entries.GroupBy(entry => entry.Label, StringComparer.Ordinal)];

    /// <summary>Every thread an entry started or ended on, ascending.</summary>
    private static List<int> Threads(IReadOnlyList<TimelineEntry> entries) =>
        [.. entries.SelectMany(entry => new[] { entry.StartThreadId, entry.EndThreadId }).Distinct().Order()];

    /// <summary>The axis length: the latest end, or 1 ms when everything happened at once.</summary>
    private static double TotalMilliseconds(IReadOnlyList<TimelineEntry> entries) =>
        LatestEnd(entries) is var latest and > 0 ? latest : 1;

    private static double LatestEnd(IReadOnlyList<TimelineEntry> entries) => entries.Max(entry => entry.End.TotalMilliseconds);

    private static string Count(IReadOnlyList<TimelineEntry> entries, string noun, Func<TimelineEntry, bool> which) =>
        entries.Count(which) switch
        {
            0 => "",
            1 => $"1 {noun}, ",
            var n => Invariant($"{n} {noun}s, "),
        };

    private static int Column(double milliseconds, double total) =>
        Math.Clamp((int)Math.Round(milliseconds / total * (TextWidth - 1)), 0, TextWidth - 1);

    /// <summary>A tick step of 1, 2 or 5 × 10ⁿ that gives at most about 8 ticks.</summary>
    private static double TickStep(double total)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(total / 8)));
        foreach (var factor in new[] { 1, 2, 5, 10 })
        {
            if (total / (factor * magnitude) <= 8)
            {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
