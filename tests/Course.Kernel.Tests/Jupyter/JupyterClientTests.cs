using System.Diagnostics;

namespace Course.Kernel.Tests.Jupyter;

/// <summary>
/// The kernel driven by real Jupyter clients (jupyter_client, nbclient from Debian's python3 packages, which
/// .ci/run installs): a kernelspec in a temporary Jupyter data folder starts <c>course kernel</c> from course.dll
/// beside these tests.
/// </summary>
public sealed class JupyterClientTests : IClassFixture<JupyterClientTests.Kernelspec>
{
    private readonly Kernelspec _kernelspec;

    public JupyterClientTests(Kernelspec kernelspec) => _kernelspec = kernelspec;

    [Fact]
    public Task KernelInfo_Execute_Errors_AndIsComplete_AnswerAsJupyterExpects() => Run("basics");

    [Fact]
    public Task StopOnError_AbortsTheRequestQueuedBehindAFailedCell() => Run("stop_on_error");

    [Fact]
    public Task Interrupt_EndsAnEndlessLoopWithinFiveSeconds_AndKeepsState() => Run("interrupt");

    [Fact]
    public Task Restart_StartsAFreshSession() => Run("restart");

    [Fact]
    public Task BadlySignedMessage_IsIgnored() => Run("bad_signature");

    public static TheoryData<string> Notebooks() => [.. Directory.GetFiles(Path.Combine(Kernelspec.RepositoryRoot(), "notebooks"), "*.ipynb").Order().Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public Task Notebook_ExecutesThroughTheKernelWithNbclient_WithoutErrors(string notebook) =>
        Run("notebook", Path.Combine(Kernelspec.RepositoryRoot(), "notebooks", notebook));

    private async Task Run(string scenario, string? argument = null)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(Kernelspec.RepositoryRoot(), "notebooks"),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Jupyter", "kernel_checks.py"));
        start.ArgumentList.Add(scenario);
        if (argument is not null)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["JUPYTER_PATH"] = _kernelspec.DataDirectory;
        start.Environment["JUPYTER_DATA_DIR"] = _kernelspec.DataDirectory;
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(_kernelspec.DataDirectory, "runtime");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0 && (await output).Contains("OK", StringComparison.Ordinal),
            $"{scenario} failed (exit {process.ExitCode}). If jupyter_client is missing: apt-get install python3-jupyter-client python3-nbclient.\n{await output}\n{await errors}");
    }

    /// <summary>A kernelspec named .net-csharp in a temporary Jupyter data folder, removed afterwards.</summary>
    public sealed class Kernelspec : IDisposable
    {
        public Kernelspec()
        {
            // Installed as a learner would: course kernel install --user, into a temporary Jupyter data folder.
            DataDirectory = Directory.CreateTempSubdirectory("course-jupyter-").FullName;
            var install = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "course.dll"), "kernel", "install", "--user" })
            {
                install.ArgumentList.Add(argument);
            }
            install.Environment["JUPYTER_DATA_DIR"] = DataDirectory;
            using var process = Process.Start(install)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(Path.Combine(DataDirectory, "kernels", ".net-csharp", "kernel.json")))
            {
                throw new InvalidOperationException("course kernel install --user failed: " + output);
            }
        }

        public string DataDirectory { get; }

        public static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Course.sln")))
                {
                    return directory.FullName;
                }
            }
            throw new InvalidOperationException("Course.sln not found above " + AppContext.BaseDirectory);
        }

        public void Dispose() => Directory.Delete(DataDirectory, recursive: true);
    }
}
