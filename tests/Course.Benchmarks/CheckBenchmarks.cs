using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Course.Exercises;
using Course.Notebooks.Ipynb;

namespace Course.Benchmarks;

/// <summary>
/// <c>course check NN.k</c> as a learner runs it, for every exercise in the course, with its reference solution
/// in the starter cell (so every case really runs): process start to exit, on the published (ReadyToRun)
/// <c>course</c> in <c>.course/bin</c> or the one named by <c>COURSE_BENCH_CLI</c>. The course's notebooks are
/// copied to a temporary course folder (its <c>lib</c> a link to this repository's) with the solutions substituted.
/// Target: ≤ 3 s per exercise on a warm machine.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[MedianColumn, MaxColumn]
public class CheckBenchmarks
{
    private string _course = "";
    private string _root = "";

    /// <summary>Every exercise of the course.</summary>
    public static IEnumerable<string> Exercises => ExerciseCatalog.All.Select(e => e.Id);

    [ParamsSource(nameof(Exercises))]
    public string Exercise { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _course = Environment.GetEnvironmentVariable("COURSE_BENCH_CLI") ?? BenchmarkNotebooks.PublishedCourse();
        var repository = BenchmarkNotebooks.RepositoryRoot();
        _root = Directory.CreateTempSubdirectory("course-check-bench-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(_root, "lib"), Path.Combine(repository, "lib"));
        var notebooks = Directory.CreateDirectory(Path.Combine(_root, "notebooks")).FullName;
        foreach (var path in Directory.GetFiles(Path.Combine(repository, "notebooks"), "*.ipynb"))
        {
            var notebook = Notebook.Load(path);
            foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            {
                var id = cell.Tags.FirstOrDefault(t => t.StartsWith("exercise:", StringComparison.Ordinal))?["exercise:".Length..];
                if (id is not null && ExerciseCatalog.Find(id) is { } exercise)
                {
                    cell.SetSource(exercise.SolutionSource);
                }
            }
            notebook.Save(Path.Combine(notebooks, Path.GetFileName(path)));
        }
    }

    [Benchmark]
    public void CourseCheck()
    {
        var start = new ProcessStartInfo(_course) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add(Exercise);
        start.Environment["COURSE_ROOT"] = _root;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"course check {Exercise} did not pass with its solution (exit {process.ExitCode}):\n{output}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);
}
