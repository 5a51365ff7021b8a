using System.Text.RegularExpressions;

namespace Course.Notebooks.Packages;

/// <summary>
/// Picks the diagnostics out of <c>dotnet restore</c> output. MSBuild writes them in its canonical
/// format, <c>origin : error CODE: text [project]</c>, whose keywords are never localised; each is
/// returned once as <c>CODE: text</c>, e.g. <c>NU1101: Unable to find package Nope.Nope. …</c>.
/// </summary>
internal static partial class RestoreOutput
{
    public static List<string> Errors(IEnumerable<string> lines) => Diagnostics(lines, "error");

    public static List<string> Warnings(IEnumerable<string> lines) => Diagnostics(lines, "warning");

    private static List<string> Diagnostics(IEnumerable<string> lines, string severity)
    {
        var found = new List<string>();
        foreach (var line in lines)
        {
            var match = Diagnostic().Match(line);
            if (match.Success && match.Groups["severity"].Value == severity)
            {
                var text = $"{match.Groups["code"].Value}: {match.Groups["text"].Value.TrimEnd()}";
                if (!found.Contains(text, StringComparer.Ordinal))
                {
                    found.Add(text);
                }
            }
        }
        return found;
    }

    [GeneratedRegex(@"(?:^|\s|:)(?<severity>error|warning)\s+(?<code>[A-Z]+[0-9]+)\s*:\s?(?<text>.*?)(?:\s+\[[^\[\]]+\.[a-z]*proj\])?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Diagnostic();
}
