using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Course.Cli.Exercises;

/// <summary>
/// The tag in a starter cell's metadata that marks it as an exercise: <c>exercise:NN.k</c>. The engine finds
/// exercises by this tag and their results by MIME type, and knows nothing else about them.
/// </summary>
internal static partial class ExerciseTag
{
    public const string Prefix = "exercise:";

    /// <summary>Whether <paramref name="tag"/> is meant to mark an exercise (it starts with <c>exercise:</c>).</summary>
    public static bool IsExerciseTag(string tag) => tag.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The exercise id in a well-formed tag: <c>exercise:01.2</c> gives <c>01.2</c>.</summary>
    public static bool TryParse(string tag, [NotNullWhen(true)] out string? id)
    {
        id = IsExerciseTag(tag) && ExactId().IsMatch(tag[Prefix.Length..]) ? tag[Prefix.Length..] : null;
        return id is not null;
    }

    /// <summary>What a learner typed as an exercise id, written as tags write it (<c>1.2</c> gives <c>01.2</c>); null if it is not one.</summary>
    public static string? NormalizeId(string text)
    {
        var match = TypedId().Match(text.Trim());
        return match.Success ? $"{match.Groups[1].Value.PadLeft(2, '0')}.{int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)}" : null;
    }

    [GeneratedRegex(@"^\d{2}\.[1-9]\d{0,2}\z")]
    private static partial Regex ExactId();

    [GeneratedRegex(@"^(\d{1,2})\.(\d{1,3})\z")]
    private static partial Regex TypedId();
}
