using Course.Notebooks.Tests.Infrastructure;
using System.Diagnostics;
using Course.Notebooks.Packages;

namespace Course.Notebooks.Tests.Packages;

/// <summary>
/// One real <c>dotnet restore</c> of Microsoft.Data.Sqlite, shared by a test class: two restorers ask
/// for the same package at once on an empty cache, so the fixture also shows that concurrent
/// restores of one key run dotnet once.
/// </summary>
public sealed class SqliteRestoreFixture : IAsyncLifetime
{
    public static readonly PackageReference Sqlite = new("Microsoft.Data.Sqlite", "10.0.15");

    private readonly TempDirectory _temp = new();

    public string CacheDirectory => _temp.PathOf("cache");

    /// <summary>A cache folder of its own, for a test that must not see the shared entry.</summary>
    public string FreshCacheDirectory(string name) => _temp.PathOf(name);

    public RestoreResult[] Results { get; private set; } = [];

    internal ListLogger[] Loggers { get; } = [new(), new()];

    public TimeSpan ColdElapsed { get; private set; }

    public RestoreResult Restored => Results.FirstOrDefault(r => !r.FromCache) ?? Results[0];

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        Results = await Task.WhenAll(Loggers.Select(logger =>
            new PackageRestorer(new PackageRestorerOptions { CacheDirectory = CacheDirectory }, logger)
                .RestoreAsync([Sqlite], CancellationToken.None)));
        ColdElapsed = stopwatch.Elapsed;
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
