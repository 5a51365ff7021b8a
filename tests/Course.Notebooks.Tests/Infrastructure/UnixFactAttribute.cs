namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>A fact about Unix file system behaviour (permissions, symbolic links); skipped on Windows.</summary>
internal sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix only.";
        }
    }
}
