using System.Linq.Expressions;
using Course.Pagination;
using Microsoft.EntityFrameworkCore;

namespace Course.Lib.Tests.Pagination;

/// <summary>
/// Property-style: for many random datasets (fixed seeds) — 0..300 rows, ids not in key order, many rows per key —
/// and random page sizes, keyset pages walked through signed cursors return every row exactly once, in (key, id) order:
/// forward from the first page, backward from the last, and under random next/previous moves.
/// </summary>
public class KeysetTraversalPropertyTests
{
    private const int Cases = 200;
    private static readonly CursorCodec Codec = new(Enumerable.Repeat((byte)7, 32).ToArray());

    [Fact]
    public async Task WalkingEveryPage_AnyDataset_ReturnsEveryRowOnceInKeyThenIdOrder()
    {
        await using var catalog = await Catalog.CreateAsync(0);
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var rows = await ReplaceRowsAsync(catalog, random);
            var size = random.Next(1, 51);
            var context = $"seed {seed}: {rows.Count} rows, page size {size}";

            if (seed % 2 == 0)
            {
                var expected = rows.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Id).ToList();
                await CheckAsync(catalog, p => p.CreatedAt, p => p.CreatedAt, expected, size, random, context);
            }
            else
            {
                var expected = rows.OrderBy(p => p.Category, StringComparer.Ordinal).ThenBy(p => p.Id).Select(p => p.Id).ToList();
                await CheckAsync(catalog, p => p.Category, p => p.Category, expected, size, random, context + " (string key)");
            }
        }
    }

    private static async Task CheckAsync<TKey>(CatalogDatabase catalog, Expression<Func<Product, TKey>> key, Func<Product, TKey> keyOf,
        List<long> expected, int size, Random random, string context)
    {
        await using var db = catalog.NewContext();
        var pageCount = Math.Max(1, (expected.Count + size - 1) / size);

        // Forward from the first page.
        var forward = new List<long>();
        string? cursor = null;
        for (var pages = 1; ; pages++)
        {
            Assert.True(pages <= pageCount, $"{context}: more than {pageCount} pages forward");
            var page = await PageAsync(db, key, keyOf, cursor, PageDirection.Next, size);
            Assert.Equal(cursor is not null, page.Page.HasPrevious);
            forward.AddRange(page.Page.Items.Select(p => p.Id));
            if (!page.Page.HasNext)
            {
                break;
            }
            cursor = page.Next;
        }
        Assert.True(expected.SequenceEqual(forward), $"{context}: forward walk gave [{string.Join(",", forward)}]");

        // Backward from the last page.
        var backward = new List<long>();
        cursor = null;
        for (var pages = 1; ; pages++)
        {
            Assert.True(pages <= pageCount, $"{context}: more than {pageCount} pages backward");
            var page = await PageAsync(db, key, keyOf, cursor, PageDirection.Previous, size);
            Assert.Equal(cursor is not null, page.Page.HasNext);
            backward.InsertRange(0, page.Page.Items.Select(p => p.Id));
            if (!page.Page.HasPrevious)
            {
                break;
            }
            cursor = page.Previous;
        }
        Assert.True(expected.SequenceEqual(backward), $"{context}: backward walk gave [{string.Join(",", backward)}]");

        // Random moves: every page is the slice of the expected order next to the page it came from.
        var current = await PageAsync(db, key, keyOf, null, PageDirection.Next, size);
        var start = 0;
        Assert.Equal(expected.Take(size), current.Page.Items.Select(p => p.Id));
        for (var move = 0; move < 12; move++)
        {
            var next = current.Page.HasNext && (!current.Page.HasPrevious || random.Next(2) == 0);
            if (!next && !current.Page.HasPrevious)
            {
                Assert.True(expected.Count <= size, $"{context}: a page with no neighbours but {expected.Count} rows");
                break;
            }
            var end = start + current.Page.Items.Count;
            current = await PageAsync(db, key, keyOf, next ? current.Next : current.Previous, next ? PageDirection.Next : PageDirection.Previous, size);
            var slice = next ? expected.Skip(end).Take(size).ToList() : expected.Skip(Math.Max(0, start - size)).Take(start - Math.Max(0, start - size)).ToList();
            start = next ? end : Math.Max(0, start - size);
            Assert.True(slice.SequenceEqual(current.Page.Items.Select(p => p.Id)), $"{context}: move {move} ({(next ? "next" : "prev")}) from row {start}");
            Assert.Equal(start + current.Page.Items.Count < expected.Count, current.Page.HasNext);
            Assert.Equal(start > 0, current.Page.HasPrevious);
        }
    }

    private static async Task<(KeysetPage<Product> Page, string? Next, string? Previous)> PageAsync<TKey>(CatalogDb db,
        Expression<Func<Product, TKey>> key, Func<Product, TKey> keyOf, string? cursor, PageDirection direction, int size)
    {
        KeysetPosition<TKey>? from = null;
        if (cursor is not null)
        {
            Assert.True(Codec.TryDecode<TKey>(cursor, out var position, out var encodedDirection));
            Assert.Equal(direction, encodedDirection);
            from = position;
        }
        var page = await db.Products.AsNoTracking().ToKeysetPageAsync(key, p => p.Id, from, direction, size);
        string? Cursor(Product? row, PageDirection way) => row is null ? null : Codec.Encode(new KeysetPosition<TKey>(keyOf(row), row.Id), way);
        return (page, Cursor(page.Items.LastOrDefault(), PageDirection.Next), Cursor(page.Items.FirstOrDefault(), PageDirection.Previous));
    }

    private static async Task<List<Product>> ReplaceRowsAsync(CatalogDatabase catalog, Random random)
    {
        var count = random.Next(0, 301);
        var distinctKeys = random.Next(1, Math.Max(2, count / random.Next(1, 8)) + 1);
        var ids = Enumerable.Range(1, count * 3).OrderBy(_ => random.Next()).Take(count).Select(i => (long)i).ToList();
        var rows = ids.Select(id =>
        {
            var key = random.Next(distinctKeys);
            return new Product { Id = id, CreatedAt = 1_000 + key, Category = ((char)('a' + key % 26)).ToString() + key / 26, Name = $"n{id}" };
        }).ToList();
        // One statement: EF Core's SaveChanges would take seconds over 200 cases.
        await using var command = catalog.Connection.CreateCommand();
        command.CommandText = "DELETE FROM Products;" + (rows.Count == 0 ? "" :
            "INSERT INTO Products (Id, Name, Category, Price, CreatedAt) VALUES " +
            string.Join(",", rows.Select(p => $"({p.Id}, '{p.Name}', '{p.Category}', 0, {p.CreatedAt})")) + ";");
        await command.ExecuteNonQueryAsync();
        return rows;
    }
}
