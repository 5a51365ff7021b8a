using System.Text.RegularExpressions;

namespace Course.Notebooks.Execution;

/// <summary>
/// The directives of one cell, read before it compiles. Only the three forms the Polyglot rules
/// allow exist: <c>#r "nuget: Id, Version"</c>, <c>#r "relative/path.dll"</c> and
/// <c>#r "AssemblyName"</c>. Everything else that looks like a directive is an error with a
/// clear message, because it would not run the same in the Polyglot kernel.
/// </summary>
/// <param name="NuGetReferences">The text inside the quotes of each <c>#r "nuget: …"</c>.</param>
/// <param name="Errors">Directives the engine refuses.</param>
/// <param name="Code">
/// The cell with its NuGet directives turned into comments (same lines): the engine adds the restored
/// assemblies itself, because a Roslyn <c>#r</c> can only stand for one assembly.
/// </param>
internal sealed partial record CellDirectives(IReadOnlyList<string> NuGetReferences, IReadOnlyList<DirectiveError> Errors, string Code)
{
    public static CellDirectives Parse(string code)
    {
        var nuget = new List<string>();
        var errors = new List<DirectiveError>();
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var lineNumber = i + 1;
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                errors.Add(new(lineNumber, $"magic commands such as '{FirstWord(line)}' are not supported: they are Polyglot-only (and deprecated); write plain C# instead"));
            }
            else if (line.StartsWith("#load", StringComparison.Ordinal))
            {
                errors.Add(new(lineNumber, "#load is not supported: put shared code in the course library and reference it with #r \"relative/path.dll\""));
            }
            else if (IncludeDirective().IsMatch(line))
            {
                errors.Add(new(lineNumber, "#i (package sources) is not supported: packages come from the configured NuGet feeds"));
            }
            else if (ReferenceDirective().Match(line) is { Success: true } match)
            {
                var target = match.Groups["target"].Value;
                if (target.TrimStart().StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    nuget.Add(target);
                    lines[i] = "//" + lines[i];
                }
            }
        }
        return new CellDirectives(nuget, errors, string.Join('\n', lines));
    }

    private static string FirstWord(string line)
    {
        var end = line.IndexOfAny([' ', '\t']);
        return end < 0 ? line : line[..end];
    }

    [GeneratedRegex("""^#i\s*(")""")]
    private static partial Regex IncludeDirective();

    [GeneratedRegex("""^#r\s+"(?<target>[^"]*)"\s*$""")]
    private static partial Regex ReferenceDirective();
}

/// <summary>A directive the engine refuses, with its 1-based line in the cell.</summary>
internal sealed record DirectiveError(int Line, string Message);
