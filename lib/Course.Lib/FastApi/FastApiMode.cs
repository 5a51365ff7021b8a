namespace Course.FastApi;

/// <summary>How <see cref="FastApiApp"/> runs apps, from the environment variable <c>COURSE_FASTAPI</c>.</summary>
internal enum FastApiMode
{
    /// <summary>Unset or <c>live</c>: live where a Python with FastAPI is installed, else the recording.</summary>
    Auto,

    /// <summary><c>recorded</c>: always the recording, as on a machine without Python.</summary>
    Recorded,

    /// <summary><c>record</c>: live, and each exchange is written to the app's recording (see <see cref="FastApiRecording"/>).</summary>
    Record,

    /// <summary><c>verify</c>: live, and each exchange must match the recording wherever the versions are the recording's (CI).</summary>
    Verify,
}

/// <summary>Where <see cref="FastApiApp"/> finds what it needs; <see cref="FromEnvironment"/> outside tests.</summary>
internal sealed record FastApiSettings(FastApiMode Mode, Func<Task<FoundPython>> FindPython, Func<string, FastApiRecording?> FindRecording,
    Func<string> RecordingsDirectory)
{
    public static FastApiSettings FromEnvironment() =>
        new(FastApiModes.Current(), PythonLocator.FindAsync, FastApiRecording.Embedded, FastApiModes.RecordingsDirectory);
}

internal static class FastApiModes
{
    public const string Variable = "COURSE_FASTAPI";

    public static FastApiMode Current() => Parse(Environment.GetEnvironmentVariable(Variable));

    internal static FastApiMode Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "live" => FastApiMode.Auto,
        "recorded" => FastApiMode.Recorded,
        "record" => FastApiMode.Record,
        "verify" => FastApiMode.Verify,
        _ => throw new InvalidOperationException($"{Variable}={value} is not a mode: use live (the default), recorded, record or verify."),
    };

    /// <summary>Where <c>record</c> writes: <c>COURSE_FASTAPI_RECORDINGS</c>, else the course's <c>lib/Course.Lib/FastApi/Recordings</c>.</summary>
    public static string RecordingsDirectory() =>
        Environment.GetEnvironmentVariable("COURSE_FASTAPI_RECORDINGS") is { Length: > 0 } directory ? directory
        : Environment.GetEnvironmentVariable("COURSE_ROOT") is { Length: > 0 } root ? Path.Combine(root, "lib", "Course.Lib", "FastApi", "Recordings")
        : throw new InvalidOperationException($"{Variable}=record needs to know where the recordings go: run it through ./course (which sets COURSE_ROOT) or set COURSE_FASTAPI_RECORDINGS.");
}
