using System.Diagnostics;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Cli;

/// <summary>
/// The <c>course</c> shell script's first build, with a stand-in <c>dotnet</c> that prints what <c>dotnet publish</c>
/// prints (the real build takes minutes): the learner sees each step as it happens, not one line and then silence.
/// </summary>
public sealed class CourseScriptTests : IDisposable
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        case "$1" in
          publish)
            out=""; previous=""
            for argument in "$@"; do [ "$previous" = "-o" ] && out="$argument"; previous="$argument"; done
            echo "  Determining projects to restore..."
            echo "  Restored /src/lib/Course.Lib/Course.Lib.csproj (in 1.2 sec)."
            echo "  Restored /src/lib/Course.Cli/Course.Cli.csproj (in 1.4 sec)."
            echo "  Course.Lib -> /src/lib/Course.Lib/bin/Course.Lib.dll"
            echo "  course -> /src/lib/Course.Cli/bin/Release/net10.0/linux-x64/course.dll"
            mkdir -p "$out" && touch "$out/course.dll"
            # A source saved while the build runs, after the compiler read it.
            if [ -n "${SAVE_DURING_BUILD:-}" ]; then touch "$SAVE_DURING_BUILD"; fi
            echo "  course -> $out/"
            ;;
          *) echo "ran the course command: $*" ;;
        esac
        """;

    private readonly TempDirectory _root = new();

    [Fact]
    public async Task FirstRun_ShowsEachBuildStep_AndHowLongItTook_ThenRunsTheCommand()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the bash script; Windows has course.cmd
        }
        await SetUpAsync();

        var (exitCode, output, errors) = await RunAsync();

        Assert.Equal(0, exitCode);
        var steps = errors.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("course: building the course command (first run, or its sources changed)", steps[0], StringComparison.Ordinal);
        Assert.Equal(
            [
                "course:   restored Course.Lib.csproj (in 1.2 sec).",
                "course:   restored Course.Cli.csproj (in 1.4 sec).",
                "course:   built Course.Lib",
                "course:   built course; now compiling it ahead of time (ReadyToRun, the longest step)...",
            ],
            steps.Where(s => s.StartsWith("course:   ", StringComparison.Ordinal)));
        Assert.Matches(@"^course: built in \d+ s\.$", steps[^1]);
        Assert.Contains("ran the course command: ", output, StringComparison.Ordinal);
        Assert.Contains("Determining projects to restore", await File.ReadAllTextAsync(_root.PathOf(".course/bin/build.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASourceSavedDuringTheBuild_IsBuiltByTheNextCommand_AndThenNotAgain()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the bash script; Windows has course.cmd
        }
        await SetUpAsync();
        var source = _root.PathOf("lib/Course.Lib/Greeting.cs");
        await File.WriteAllTextAsync(source, "class Greeting { }");

        var (firstExit, _, first) = await RunAsync(("SAVE_DURING_BUILD", source));
        var (secondExit, _, second) = await RunAsync();
        var (thirdExit, _, third) = await RunAsync();

        Assert.Equal((0, 0, 0), (firstExit, secondExit, thirdExit));
        Assert.Contains("course: building the course command", first, StringComparison.Ordinal);
        Assert.Contains("course: building the course command", second, StringComparison.Ordinal); // the save came after the build started
        Assert.DoesNotContain("course: building", third, StringComparison.Ordinal);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task SetUpAsync()
    {
        File.Copy(Path.Combine(Repository.Root, "course"), _root.PathOf("course"));
        Directory.CreateDirectory(_root.PathOf("lib/Course.Lib/bin"));
        await File.WriteAllTextAsync(_root.PathOf("lib/Course.Lib/bin/Course.Lib.dll"), "");
        Directory.CreateDirectory(_root.PathOf("fake"));
        await File.WriteAllTextAsync(_root.PathOf("fake/dotnet"), FakeDotnet.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(_root.PathOf("fake/dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_root.PathOf("course"));
        start.ArgumentList.Add("list");
        start.Environment["PATH"] = _root.PathOf("fake") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, errors);
    }

    public void Dispose() => _root.Dispose();
}
