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
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
