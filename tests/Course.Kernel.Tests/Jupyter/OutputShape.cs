using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Course.Kernel.Tests.Jupyter;

/// <summary>
/// What two runs of a notebook must agree on, output by output: the output type, the stream name or the MIME
/// keys, and — for console text and plain values — the text with measured numbers (timings, ports, ids, ETags),
/// durations with their units, measurement verdicts and spacing set aside. A rich display (one with HTML) is compared by its MIME keys only: its text is a rendering
/// (a timeline's bars, an exchange's headers) whose shape follows what was measured. Consecutive stream outputs
/// are merged first, as Jupyter front ends show them.
/// </summary>
internal static partial class OutputShape
{
    public static List<string> Of(JsonArray? outputs)
    {
        var shapes = new List<string>();
        string? streamName = null;
        var streamText = "";
        foreach (var output in outputs?.OfType<JsonObject>() ?? [])
        {
            var type = output["output_type"]!.GetValue<string>();
            if (type == "stream" && output["name"]!.GetValue<string>() == streamName)
            {
                streamText += Text(output["text"]);
                shapes[^1] = $"stream {streamName}: {Normalise(streamText)}";
                continue;
            }
            streamName = type == "stream" ? output["name"]!.GetValue<string>() : null;
            streamText = type == "stream" ? Text(output["text"]) : "";
            shapes.Add(type switch
            {
                "stream" => $"stream {streamName}: {Normalise(streamText)}",
                "error" => $"error {output["ename"]}",
                _ => $"{type} [{string.Join(", ", output["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal))}]" +
                     (output["data"]!["text/html"] is null ? ": " + Normalise(Text(output["data"]!["text/plain"])) : ""),
            });
        }
        return shapes;
    }

    // nbformat stores text as a string or a list of lines.
    private static string Text(JsonNode? text) => text switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    // A measurement's verdict is the claim or "too busy to show" depending on the machine at that moment, and a duration's
    // unit follows its size (980.0 µs, 1.02 ms): both are measured, like the numbers.
    private static string Normalise(string text)
    {
        var lines = text.Split('\n').Select(line =>
            line.TrimStart().StartsWith("✔ ", StringComparison.Ordinal) || line.Contains("Too busy to show", StringComparison.Ordinal) ? "(a verdict)" : line);
        return Spaces().Replace(Numbers().Replace(Durations().Replace(string.Join("\n", lines), "(a duration)"), "0"), " ").Trim();
    }

    [GeneratedRegex(@"\d[\d,]*(\.\d+)?\s?(ns|µs|ms|s)\b")]
    private static partial Regex Durations();

    // Numbers, and hexadecimal runs with a digit in them (ETags, GUIDs, hashes).
    [GeneratedRegex(@"[0-9a-fA-F]*\d[0-9a-fA-F]*(\.\d+)?")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
