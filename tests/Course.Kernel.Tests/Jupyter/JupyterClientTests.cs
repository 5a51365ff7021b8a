using System.Diagnostics;
using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Course.Notebooks.Sessions;

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
    public Task Completion_AndInspection_SeeEarlierCells_WithCursorsInCodePoints() => Run("completion");

    [Fact]
    public Task Completion_Answers_AfterACellLeftTheThreadPoolStarved() => Run("completion_starved");

    [Fact]
    public Task StopOnError_AbortsTheRequestQueuedBehindAFailedCell() => Run("stop_on_error");

    [Fact]
    public Task Interrupt_EndsAnEndlessLoopWithinFiveSeconds_AndKeepsState() => Run("interrupt");

    [Fact]
    public Task Restart_StartsAFreshSession() => Run("restart");

    [Fact]
    public Task BadlySignedMessage_IsIgnored() => Run("bad_signature");

    [Fact]
    public Task EnvironmentExit_InACell_KeepsTheKernel_WhichSaysTheStateIsLost_AndRunsTheNextCell() => Run("fatal");

    [Fact]
    public Task TheTimeLimit_ComesFromTheKernelsEnvironment_ItsMessageSaysHowToChangeIt_AndACellThatCannotStopCostsOnlyTheState() => Run("time_limit");

    [Fact]
    public Task Sigint_InterruptsARunningCell_AndAnIdleKernelLivesOn() => Run("sigint");

    [Fact]
    public Task AReplayedSignedMessage_IsNotExecutedAgain() => Run("replay");

    [Fact]
    public Task ADisplayUpdatedTenTimes_IsReplacedInPlace_AndLeavesOneOutput() => Run("display_updates");

    [Fact]
    public Task Kernel_AndItsNotebookProcess_EndWhenItsClientDies() => Run("orphaned");

    [Fact]
    public Task Kernel_AndItsNotebookProcess_EndWhenItsClientDies_WithoutJpyParentPid() => Run("orphaned_without_parent_pid");

    [Fact]
    public Task ACheckRunInTheKernel_IsRecordedInTheCoursesProgress_LikeCourseCheck() => Run("progress");

    public static TheoryData<string> Notebooks() => [.. Directory.GetFiles(Path.Combine(Kernelspec.RepositoryRoot(), "notebooks"), "*.ipynb").Order().Select(path => Path.GetFileName(path))];

    // Same results in every front end: nbclient through the kernel, cell by cell, gives the outputs `course run` gives —
    // the same output types and MIME keys, and the same console text and plain values once measured numbers and spacing
    // are set aside (see OutputShape).
    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_ExecutesThroughTheKernelWithNbclient_WithoutErrors_AndWithTheOutputsOfCourseRun(string notebook)
    {
        var path = Path.Combine(Kernelspec.RepositoryRoot(), "notebooks", notebook);
        var executed = Path.Combine(_kernelspec.DataDirectory, notebook);
        await Run("notebook", path, executed);
        var throughKernel = Notebook.Load(executed).Cells.Where(c => c.IsCode).Select(c => OutputShape.Of(c.Outputs)).ToList();

        var byCourseRun = new Dictionary<int, List<CellOutput>>();
        await foreach (var e in NotebookRunner.RunAsync(Notebook.Load(path), new NotebookRunOptions()))
        {
            if (e.Event is CellOutput output)
            {
                (byCourseRun.TryGetValue(e.CellNumber, out var list) ? list : byCourseRun[e.CellNumber] = []).Add(output);
            }
        }
        for (var cell = 1; cell <= throughKernel.Count; cell++)
        {
            var expected = OutputShape.Of(new JsonArray([.. OutputConverter.ToNotebookOutputs(byCourseRun.GetValueOrDefault(cell) ?? [], 0)]));
            Assert.True(expected.SequenceEqual(throughKernel[cell - 1]),
                $"Code cell {cell} of {notebook}: course run gave\n  {string.Join("\n  ", expected)}\nthe kernel gave\n  {string.Join("\n  ", throughKernel[cell - 1])}");
        }
    }

    // jupyter_kernel_test's KernelTests, each test on its own (a fresh kernel), with the C# samples in conformance.py.
    // Not listed: test_pager and test_clear_output, for features the course kernel does not have (Polyglot had neither).
    [Theory]
    [InlineData("test_kernel_info")]
    [InlineData("test_execute_stdout")]
    [InlineData("test_execute_stderr")]
    [InlineData("test_completion")]
    [InlineData("test_is_complete")]
    [InlineData("test_error")]
    [InlineData("test_execute_result")]
    [InlineData("test_display_data")]
    [InlineData("test_history")]
    [InlineData("test_inspect")]
    public async Task ConformanceSuite_Passes(string test)
    {
        // The suite runs once (one kernel, as jupyter_kernel_test intends); each test reads its own verdict.
        // unittest -v prints "test_x (conformance.CSharpKernelTests.test_x) ... ok", or FAIL/ERROR lines for it;
        // a skipped test (a sample left empty) does not pass.
        var (_, _, report) = await (s_conformance ??= Python("-m", "unittest", "-v", "conformance"));
        var verdict = report.Split('\n').FirstOrDefault(l => l.StartsWith($"{test} (", StringComparison.Ordinal) && l.Contains(" ... ", StringComparison.Ordinal));
        var failed = report.Contains($"FAIL: {test} ", StringComparison.Ordinal) || report.Contains($"ERROR: {test} ", StringComparison.Ordinal);
        Assert.True(verdict is not null && verdict.EndsWith(" ... ok", StringComparison.Ordinal) && !failed, $"{test}: {verdict ?? "did not run"}\n{report}");
    }

    private static Task<(int, string, string)>? s_conformance;

    private async Task Run(string scenario, params string[] arguments)
    {
        var (exitCode, output, errors) = await Python([Path.Combine(AppContext.BaseDirectory, "Jupyter", "kernel_checks.py"), scenario, .. arguments]);
        Assert.True(exitCode == 0 && output.Contains("OK", StringComparison.Ordinal),
            $"{scenario} failed (exit {exitCode}). If jupyter_client is missing: apt-get install python3-jupyter-client python3-nbclient.\n{output}\n{errors}");
    }

    private async Task<(int ExitCode, string Output, string Errors)> Python(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(Kernelspec.RepositoryRoot(), "notebooks"),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Jupyter");
        start.Environment["JUPYTER_PATH"] = _kernelspec.DataDirectory;
        start.Environment["JUPYTER_DATA_DIR"] = _kernelspec.DataDirectory;
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(_kernelspec.DataDirectory, "runtime");
        // Each run's own course root, so the checks that notebooks run in the kernel record their results there, not in the repository.
        start.Environment["COURSE_ROOT"] = Directory.CreateDirectory(Path.Combine(_kernelspec.DataDirectory, "course-" + Guid.NewGuid().ToString("N"))).FullName;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
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
