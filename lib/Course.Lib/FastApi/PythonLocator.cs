using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Course.FastApi;

/// <summary>
/// Finds a Python that can import FastAPI and uvicorn, once per process: <c>COURSE_PYTHON</c> if set, else <c>python3</c>
/// on PATH, else <c>/usr/bin/python3</c> (Debian's, where <c>apt-get install python3-fastapi python3-uvicorn</c> puts them).
/// </summary>
internal static class PythonLocator
{
    private static readonly Lazy<Task<FoundPython>> s_found = new(() => FindAsync(Candidates()));

    /// <summary>The Python to use and its versions, or why there is none.</summary>
    public static Task<FoundPython> FindAsync() => s_found.Value;

    internal static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("COURSE_PYTHON") is { Length: > 0 } chosen)
        {
            return [chosen];
        }
        return OperatingSystem.IsWindows() ? ["python", "py"] : ["python3", "/usr/bin/python3"];
    }

    internal static async Task<FoundPython> FindAsync(IEnumerable<string> candidates)
    {
        var tried = new List<string>();
        foreach (var python in candidates.Distinct())
        {
            var (versions, problem) = await ProbeAsync(python);
            if (versions is not null)
            {
                return new FoundPython(python, versions, null);
            }
            tried.Add($"{python}: {problem}");
        }
        return new FoundPython(null, null, "no Python here can import fastapi and uvicorn (" + string.Join("; ", tried) + ")");
    }

    private static async Task<(PythonVersions? Versions, string Problem)> ProbeAsync(string python)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(PythonScripts.Probe);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return (null, "not found");
        }
        if (process is null)
        {
            return (null, "could not be started");
        }
        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var error = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                if (process.ExitCode != 0)
                {
                    var lastLine = (await error).TrimEnd().Split('\n')[^1].Trim();
                    return (null, lastLine.Length > 0 ? lastLine : $"exit code {process.ExitCode}");
                }
                return (JsonSerializer.Deserialize<PythonVersions>(await output), "");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (null, "did not answer within 30 s");
            }
            catch (JsonException e)
            {
                return (null, $"answered something unexpected ({e.Message})");
            }
        }
    }
}

/// <summary>A Python that can run FastAPI apps (<see cref="Path"/> and <see cref="Versions"/>), or <see cref="Missing"/>: why not.</summary>
internal sealed record FoundPython(string? Path, PythonVersions? Versions, string? Missing);
