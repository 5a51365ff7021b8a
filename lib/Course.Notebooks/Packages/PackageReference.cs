using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Course.Notebooks.Packages;

/// <summary>
/// One NuGet package named by a <c>#r "nuget: Id, Version"</c> directive. The version is one exact
/// version: a notebook must run the same next year, so floating versions and ranges are refused.
/// </summary>
/// <param name="Id">The package id, as written (NuGet ids are case-insensitive).</param>
/// <param name="Version">The exact version, as written, e.g. <c>10.0.15</c> or <c>1.0.0-beta.2</c>.</param>
public sealed record PackageReference(string Id, string Version)
{
    private const string Prefix = "nuget:";

    /// <summary>The error for a directive without a version.</summary>
    internal const string MissingVersionError = "name a version: #r \"nuget: Id, Version\"";

    /// <summary>
    /// Parses the text inside the quotes of <c>#r "nuget: Id, Version"</c>, for example
    /// <c>nuget: Microsoft.Data.Sqlite, 10.0.15</c>. The <c>nuget:</c> prefix is case-insensitive
    /// and whitespace around the parts is ignored.
    /// </summary>
    /// <param name="directiveText">The text between the quotes.</param>
    /// <param name="reference">The package, when the text is valid.</param>
    /// <param name="error">A one-line message for the learner, when it is not.</param>
    /// <returns>Whether the text names one package and one exact version.</returns>
    public static bool TryParse(
        string directiveText,
        [NotNullWhen(true)] out PackageReference? reference,
        [NotNullWhen(false)] out string? error)
    {
        reference = null;
        var text = (directiveText ?? "").Trim();
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{Show(text)}' is not a NuGet reference: write #r \"nuget: Id, Version\"";
            return false;
        }

        // Only the first comma separates: a range such as [1.0, 2.0) then gets its own message.
        var parts = text[Prefix.Length..].Split(',', 2);
        var id = parts[0].Trim();
        var version = parts.Length == 2 ? parts[1].Trim() : "";
        error = ValidateId(id) ?? ValidateVersion(version);
        if (error is not null)
        {
            return false;
        }

        reference = new PackageReference(id, version);
        return true;
    }

    /// <summary>The package as a learner writes it: <c>Id Version</c>.</summary>
    public override string ToString() => $"{Id} {Version}";

    /// <summary>Null when <paramref name="id"/> is a valid NuGet package id, else why not.</summary>
    internal static string? ValidateId(string id)
    {
        if (id.Length == 0)
        {
            return "a package id is missing: #r \"nuget: Id, Version\"";
        }
        if (id.Length > 100 || !IsValidId(id))
        {
            return $"'{Show(id)}' is not a valid package id (letters, digits, '_', '.' and '-', at most 100 characters)";
        }
        return null;
    }

    /// <summary>Null when <paramref name="version"/> is one exact NuGet version, else why not.</summary>
    internal static string? ValidateVersion(string version)
    {
        if (version.Length == 0)
        {
            return MissingVersionError;
        }
        if (version.Contains('*', StringComparison.Ordinal))
        {
            return $"floating version '{Show(version)}' is not supported: name one exact version, e.g. #r \"nuget: Id, 1.2.3\"";
        }
        if (version.IndexOfAny(['[', ']', '(', ')']) >= 0)
        {
            return $"version range '{Show(version)}' is not supported: name one exact version, e.g. #r \"nuget: Id, 1.2.3\"";
        }
        if (!IsValidVersion(version))
        {
            return $"'{Show(version)}' is not a valid NuGet version (expected e.g. 1.2.3 or 1.2.3-beta.1)";
        }
        return null;
    }

    /// <summary>The text for a one-line message: control characters as spaces, at most 80 characters.</summary>
    private static string Show(string text)
    {
        var oneLine = string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }

    // NuGet's own rule for ids, ^\w+([.-]\w+)*$, written out: a regex costs milliseconds to set up
    // on first use, and a cache hit should take less than that.
    private static bool IsValidId(string id)
    {
        var previousWasWord = false;
        foreach (var c in id)
        {
            if (IsWordCharacter(c))
            {
                previousWasWord = true;
            }
            else if ((c == '.' || c == '-') && previousWasWord)
            {
                previousWasWord = false;
            }
            else
            {
                return false;
            }
        }
        return previousWasWord;
    }

    // \w in .NET: letters, non-spacing marks, decimal digits and connector punctuation such as '_'.
    private static bool IsWordCharacter(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    // 1 to 4 numeric parts, then optional SemVer 2 pre-release labels (-beta.1) and build metadata (+sha.5).
    private static bool IsValidVersion(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0 && !AreLabels(version[(plus + 1)..]))
        {
            return false;
        }
        var core = plus >= 0 ? version[..plus] : version;
        var dash = core.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0 && !AreLabels(core[(dash + 1)..]))
        {
            return false;
        }
        var numbers = (dash >= 0 ? core[..dash] : core).Split('.');
        return numbers.Length <= 4 && numbers.All(n => n.Length > 0 && n.All(char.IsAsciiDigit));
    }

    private static bool AreLabels(string text) =>
        text.Split('.').All(label => label.Length > 0 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
