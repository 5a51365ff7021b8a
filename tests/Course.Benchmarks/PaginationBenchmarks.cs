using BenchmarkDotNet.Attributes;
using Course.Pagination;
using Microsoft.EntityFrameworkCore;

namespace Course.Benchmarks;

/// <summary>
/// One page of 20 products from the 200,000-row SQLite catalogue, <see cref="Depth"/> rows into the
/// (CreatedAt, Id) order, through the library's helpers: <c>OFFSET depth LIMIT 21</c> walks the index past
/// every skipped row; the keyset page starts from the row just before that depth (its cursor, decoded) and
/// SEARCHes the index. Target: keyset at the deepest page ≥ 10× faster than offset.
/// Run: <c>dotnet run -c Release --project tests/Course.Benchmarks -- --filter '*Pagination*'</c>.
/// </summary>
[MedianColumn]
public class PaginationBenchmarks
{
    private const int Rows = 200_000;
    private const int PageSize = 20;
    private CatalogDatabase _catalog = null!;
    private CatalogDb _db = null!;
    private KeysetPosition<long>? _after;

    /// <summary>How many rows come before the page.</summary>
    [Params(0, 1_000, 10_000, 100_000, 199_980)]
    public int Depth { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _catalog = await Catalog.CreateAsync(Rows);
        _db = _catalog.NewContext();
        if (Depth > 0)
        {
            var before = await _db.Products.AsNoTracking().OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(Depth - 1).FirstAsync();
            _after = new KeysetPosition<long>(before.CreatedAt, before.Id);
        }
        var offset = await Offset();
        var keyset = await Keyset();
        if (!offset.Items.Select(p => p.Id).SequenceEqual(keyset.Items.Select(p => p.Id)) || offset.Items.Count != PageSize)
        {
            throw new InvalidOperationException($"At depth {Depth} the offset and keyset pages differ.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _db.DisposeAsync();
        await _catalog.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<OffsetPage<Product>> Offset() =>
        _db.Products.AsNoTracking().OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToOffsetPageAsync(new PageWindow(Depth, PageSize, false));

    [Benchmark]
    public Task<KeysetPage<Product>> Keyset() =>
        _db.Products.AsNoTracking().ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, _after, PageDirection.Next, PageSize);
}
