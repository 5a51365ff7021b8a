using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Course.Notebooks.Sessions;

namespace Course.Benchmarks;

/// <summary>
/// Cells as a notebook runs them: each iteration is one cell (invocation count 1), about as many as a
/// long notebook has, in a warm session whose setup cell referenced ASP.NET Core and TestHost.
/// Targets: a trivial later cell's median ≤ 30 ms; the worker's peak memory (printed at the end) ≤ 300 MB.
/// Roslyn keeps every earlier submission alive, so both grow slowly with the number of cells: an
/// iteration count in the thousands would measure a notebook nobody writes.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 5, iterationCount: 40, invocationCount: 1)]
[MedianColumn]
public class CellBenchmarks
{
    private NotebookSession _session = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _session = await NotebookSession.StartAsync(new NotebookSessionOptions { WorkingDirectory = Path.GetTempPath() });
        await RunAsync("""
            #r "Microsoft.AspNetCore"
            #r "nuget: Microsoft.AspNetCore.TestHost, 10.0.15"
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.TestHost;
            using Microsoft.Extensions.Logging;
            var counter = 0;
            """);
    }

    [Benchmark]
    public Task TrivialLaterCell() => RunAsync("counter++");

    [Benchmark]
    public Task InMemoryServerRequest() => RunAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => "hi");
        await app.StartAsync();
        var body = await app.GetTestClient().GetStringAsync("/");
        await app.DisposeAsync();
        body
        """);

    [GlobalCleanup]
    public async Task Cleanup()
    {
        Console.WriteLine($"// Worker peak memory (VmHWM): {BenchmarkNotebooks.PeakMemoryMegabytes(_session.ProcessId):0.0} MB");
        await _session.DisposeAsync();
    }

    private async Task RunAsync(string code)
    {
        await foreach (var cellEvent in _session.RunCellAsync(code))
        {
            if (cellEvent is ErrorOutput error)
            {
                throw new InvalidOperationException($"{error.Name}: {error.Message}");
            }
        }
    }
}
