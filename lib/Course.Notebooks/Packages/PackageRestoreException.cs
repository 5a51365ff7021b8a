namespace Course.Notebooks.Packages;

/// <summary>
/// A restore that did not produce the packages. <see cref="Exception.Message"/> is one line that says
/// what failed, followed by the relevant NuGet error lines (e.g. <c>NU1101: Unable to find package X</c>),
/// not the whole MSBuild log.
/// </summary>
public sealed class PackageRestoreException : Exception
{
    /// <summary>A failure without tool output.</summary>
    public PackageRestoreException(string message)
        : this(message, [], null)
    {
    }

    /// <summary>A failure caused by another exception.</summary>
    public PackageRestoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>A failed <c>dotnet restore</c> with its error lines and its whole output.</summary>
    public PackageRestoreException(string summary, IReadOnlyList<string> errors, string? output)
        : base(Compose(summary, errors))
    {
        Errors = errors;
        Output = output;
    }

    /// <summary>The NuGet or MSBuild error lines, e.g. <c>NU1101: Unable to find package X. …</c>.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The whole output of <c>dotnet restore</c>, for a log; null when it did not run.</summary>
    public string? Output { get; }

    private static string Compose(string summary, IReadOnlyList<string> errors) =>
        errors.Count == 0 ? summary : summary + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
