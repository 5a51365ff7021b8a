using System.Reflection;

namespace Course.Exercises;

/// <summary>
/// An exercise's answers: the reference solution and the known-wrong answers its check must refuse.
/// The course's exercises keep them as files, <c>Exercises/Answers/NN.k/solution.cs</c> and
/// <c>Exercises/Answers/NN.k/wrong-*.cs</c>, embedded in the library (<see cref="Load"/>).
/// </summary>
/// <param name="Solution">The reference solution: the whole source of the exercise cell.</param>
/// <param name="KnownWrong">The wrong answers the check must report incorrect, each with the phrase its message must contain.</param>
public sealed record ExerciseAnswers(string Solution, IReadOnlyList<KnownWrongAnswer> KnownWrong)
{
    private const string MistakePrefix = "// Mistake:";
    private const string ExpectPrefix = "// Expect:";
    private static readonly Assembly Library = typeof(ExerciseAnswers).Assembly;

    /// <summary>Reads exercise <paramref name="id"/>'s answer files embedded in the library.</summary>
    /// <exception cref="InvalidOperationException">The exercise has no solution file, or a wrong-answer file lacks its header.</exception>
    public static ExerciseAnswers Load(string id)
    {
        var folder = $"answers/{id}/";
        var names = Library.GetManifestResourceNames()
            .Select(name => (Resource: name, Path: name.Replace('\\', '/')))
            .Where(r => r.Path.StartsWith(folder, StringComparison.Ordinal))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
        var solution = names.FirstOrDefault(r => r.Path == folder + "solution.cs").Resource
            ?? throw new InvalidOperationException($"Exercise {id} has no reference solution: add lib/Course.Lib/Exercises/Answers/{id}/solution.cs.");
        var wrong = names
            .Where(r => Path.GetFileName(r.Path) is var file && file.StartsWith("wrong-", StringComparison.Ordinal) && file.EndsWith(".cs", StringComparison.Ordinal))
            .Select(r => ParseWrong(id, Path.GetFileNameWithoutExtension(r.Path)["wrong-".Length..], Read(r.Resource)))
            .ToList();
        return new ExerciseAnswers(Read(solution).Trim('\n'), wrong);
    }

    /// <summary>
    /// Reads a wrong-answer file: a header of <c>// Mistake: …</c> (one or more lines) and <c>// Expect: …</c>,
    /// then the cell's source.
    /// </summary>
    internal static KnownWrongAnswer ParseWrong(string id, string name, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var mistake = new List<string>();
        string? expect = null;
        var i = 0;
        for (; i < lines.Length && lines[i].StartsWith("//", StringComparison.Ordinal) && expect is null; i++)
        {
            if (lines[i].StartsWith(MistakePrefix, StringComparison.Ordinal))
            {
                mistake.Add(lines[i][MistakePrefix.Length..].Trim());
            }
            else if (lines[i].StartsWith(ExpectPrefix, StringComparison.Ordinal))
            {
                expect = lines[i][ExpectPrefix.Length..].Trim();
            }
            else if (mistake.Count > 0)
            {
                mistake.Add(lines[i].TrimStart('/').Trim());
            }
        }
        if (mistake.Count == 0 || string.IsNullOrWhiteSpace(expect))
        {
            throw new InvalidOperationException(
                $"Exercise {id}'s wrong answer '{name}' must start with '{MistakePrefix} <the mistake>' and '{ExpectPrefix} <a phrase the check's message contains>'.");
        }
        var source = string.Join('\n', lines[i..]).Trim('\n');
        return new KnownWrongAnswer(name, string.Join(' ', mistake), expect, source);
    }

    private static string Read(string resource)
    {
        using var stream = Library.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
