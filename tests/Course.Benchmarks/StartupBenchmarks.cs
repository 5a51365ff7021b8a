using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Course.Benchmarks;

/// <summary>
/// Process start to the first cell's result, for the <c>course</c> command a learner runs: the
/// published build (ReadyToRun) in <c>.course/bin</c>, or the one named by <c>COURSE_BENCH_CLI</c>.
/// Each iteration starts a fresh <c>course run</c> and stops the clock when the cell's value is printed.
/// Target: ≤ 1.5 s with a warm package cache (the Polyglot kernel needs 1.65 s).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
public class StartupBenchmarks
{
    private string _course = "";
    private string _notebook = "";

    [GlobalSetup]
    public void Setup()
    {
        _course = Environment.GetEnvironmentVariable("COURSE_BENCH_CLI") ?? BenchmarkNotebooks.PublishedCourse();
        _notebook = BenchmarkNotebooks.WriteOneCell("6 * 7");
    }

    [Benchmark]
    public void ProcessStartToFirstCellResult()
    {
        var start = new ProcessStartInfo(_course) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(_notebook);
        using var process = Process.Start(start)!;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Trim() == "42")
            {
                break;
            }
        }
        process.WaitForExit();
    }
}
