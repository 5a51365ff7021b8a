using BenchmarkDotNet.Attributes;
using Course.Notebooks.Sessions;

namespace Course.Benchmarks;

/// <summary>
/// A trivial cell in a warm session (target: median ≤ 30 ms), and a cell that starts an ASP.NET Core
/// in-memory server, after which the worker's peak memory is reported (target: ≤ 300 MB).
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 20)]
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
