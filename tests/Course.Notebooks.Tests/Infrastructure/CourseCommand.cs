using System.Diagnostics;

namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>Runs the real <c>course</c> command (course.dll beside the tests) as a learner would, output redirected.</summary>
internal static class CourseCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string courseRoot, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = courseRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "course.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["COURSE_ROOT"] = courseRoot;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung command, not a timing check: `course verify` runs a notebook once per answer, slowly on a loaded machine.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>
    /// Starts the command as a terminal would (in a process group of its own), waits for
    /// <paramref name="waitFor"/> in its output, then sends SIGINT to the whole group, as Ctrl+C does.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunInOwnProcessGroupAsync(string courseRoot, string waitFor, string[] args)
    {
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = courseRoot };
        foreach (var arg in new[] { DotnetHost(), Path.Combine(AppContext.BaseDirectory, "course.dll") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["COURSE_ROOT"] = courseRoot;
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } if (e.Data?.Contains(waitFor, StringComparison.Ordinal) == true) seen.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await seen.Task.WaitAsync(TimeSpan.FromMinutes(2));
        using (var kill = Process.Start("kill", ["-INT", "--", $"-{process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }
        // Generous: on a loaded 2-core machine the worker's grace period and the command's shutdown took over a minute.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(limit.Token);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
