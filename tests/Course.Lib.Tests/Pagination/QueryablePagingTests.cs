using Course.Pagination;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Course.Lib.Tests.Pagination;

public class QueryablePagingTests
{
    [Fact]
    public async Task ToOffsetPageAsync_MiddlePage_ReturnsTheWindowAndHasBothNeighbours()
    {
        await using var catalog = await Catalog.CreateAsync(100);
        await using var db = catalog.NewContext();

        var page = await db.Products.OrderBy(p => p.Id).ToOffsetPageAsync(new PageWindow(40, 20, false));

        Assert.Equal(Enumerable.Range(41, 20).Select(i => (long)i), page.Items.Select(p => p.Id));
        Assert.Equal((40, 20, (int?)null), (page.Offset, page.Limit, page.Total));
        Assert.True(page.HasNext);
        Assert.True(page.HasPrevious);
    }

    [Fact]
    public async Task ToOffsetPageAsync_LastFullPage_HasNoNextBecauseTheProbeRowIsMissing()
    {
        await using var catalog = await Catalog.CreateAsync(100);
        await using var db = catalog.NewContext();

        var page = await db.Products.OrderBy(p => p.Id).ToOffsetPageAsync(new PageWindow(80, 20, false));

        Assert.Equal(20, page.Items.Count);
        Assert.False(page.HasNext);
    }

    [Fact]
    public async Task ToOffsetPageAsync_FirstPageWithTotal_CountsAndHasNoPrevious()
    {
        await using var catalog = await Catalog.CreateAsync(45);
        await using var db = catalog.NewContext();

        var page = await db.Products.Where(p => p.Id > 5).OrderBy(p => p.Id).ToOffsetPageAsync(new PageWindow(0, 20, false), includeTotal: true);

        Assert.Equal(40, page.Total);
        Assert.False(page.HasPrevious);
        Assert.True(page.HasNext);
        Assert.Equal(6, page.Items[0].Id);
    }

    [Fact]
    public async Task ToOffsetPageAsync_BeyondTheEnd_IsEmpty()
    {
        await using var catalog = await Catalog.CreateAsync(10);
        await using var db = catalog.NewContext();

        var page = await db.Products.OrderBy(p => p.Id).ToOffsetPageAsync(new PageWindow(50, 20, false), includeTotal: true);

        Assert.Empty(page.Items);
        Assert.False(page.HasNext);
        Assert.Equal(10, page.Total);
    }

    [Fact]
    public void OffsetPage_ConstructedWithATotal_ComputesHasNext()
    {
        Assert.True(new OffsetPage<int>([1, 2], Offset: 0, Limit: 2, Total: 3).HasNext);
        Assert.False(new OffsetPage<int>([3], Offset: 2, Limit: 2, Total: 3).HasNext);
        Assert.False(new OffsetPage<int>([1, 2], Offset: 0, Limit: 2, Total: null).HasNext);
        Assert.False(new OffsetPage<int>([1, 2], Offset: int.MaxValue - 1, Limit: 2, Total: 3).HasNext);
    }

    [Fact]
    public async Task ToKeysetPageAsync_NoPosition_ReturnsTheFirstPageInKeyThenIdOrder()
    {
        await using var catalog = await Catalog.CreateAsync(300);
        await using var db = catalog.NewContext();
        var expected = (await db.Products.AsNoTracking().ToListAsync()).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(25).Select(p => p.Id);

        var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, null, PageDirection.Next, 25);

        Assert.Equal(expected, page.Items.Select(p => p.Id));
        Assert.True(page.HasNext);
        Assert.False(page.HasPrevious);
    }

    [Fact]
    public async Task ToKeysetPageAsync_AfterARowInsideAGroupOfEqualKeys_ContinuesWithTheRestOfTheGroup()
    {
        await using var catalog = await Catalog.CreateAsync(0);
        await using var db = catalog.NewContext();
        db.Products.AddRange(new[] { (1, 10L), (2, 20L), (3, 20L), (4, 20L), (5, 30L) }.Select(r => new Product { Id = r.Item1, CreatedAt = r.Item2 }));
        await db.SaveChangesAsync();

        var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, new KeysetPosition<long>(20, 2), PageDirection.Next, 2);
        var back = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, new KeysetPosition<long>(20, 3), PageDirection.Previous, 5);

        Assert.Equal([3L, 4L], page.Items.Select(p => p.Id));
        Assert.True(page.HasNext);
        Assert.True(page.HasPrevious);
        Assert.Equal([1L, 2L], back.Items.Select(p => p.Id));
        Assert.False(back.HasPrevious);
        Assert.True(back.HasNext);
    }

    [Fact]
    public async Task ToKeysetPageAsync_PreviousWithoutPosition_ReturnsTheLastPageInAscendingOrder()
    {
        await using var catalog = await Catalog.CreateAsync(50);
        await using var db = catalog.NewContext();

        var page = await db.Products.ToKeysetPageAsync(p => p.Id, p => p.Id, null, PageDirection.Previous, 10);

        Assert.Equal(Enumerable.Range(41, 10).Select(i => (long)i), page.Items.Select(p => p.Id));
        Assert.False(page.HasNext);
        Assert.True(page.HasPrevious);
    }

    [Fact]
    public async Task ToKeysetPageAsync_StringKey_ComparesInTheDatabase()
    {
        await using var catalog = await Catalog.CreateAsync(0);
        await using var db = catalog.NewContext();
        db.Products.AddRange(new[] { (1, "b"), (2, "a"), (3, "b"), (4, "c"), (5, "a") }.Select(r => new Product { Id = r.Item1, Name = r.Item2 }));
        await db.SaveChangesAsync();

        var next = await db.Products.ToKeysetPageAsync(p => p.Name, p => p.Id, new KeysetPosition<string>("a", 5), PageDirection.Next, 2);
        var previous = await db.Products.ToKeysetPageAsync(p => p.Name, p => p.Id, new KeysetPosition<string>("b", 3), PageDirection.Previous, 2);

        Assert.Equal([1L, 3L], next.Items.Select(p => p.Id));
        Assert.Equal([5L, 1L], previous.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task ToKeysetPageAsync_Sql_HasTheKeysetWhereAndSearchesTheIndex()
    {
        await using var catalog = await Catalog.CreateAsync(1_000);
        var commands = new CommandRecorder();
        await using var db = new CatalogDb(new DbContextOptionsBuilder<CatalogDb>().UseSqlite(catalog.Connection).AddInterceptors(commands).Options);

        var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, new KeysetPosition<long>(Catalog.FirstCreatedAt + 100_000, 400), PageDirection.Next, 20);
        var sql = Assert.Single(commands.Texts);
        var plan = await catalog.ExplainQueryPlanAsync(sql);

        Assert.Equal(20, page.Items.Count);
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("\"p\".\"CreatedAt\" >= @", sql, StringComparison.Ordinal);
        Assert.Contains("\"p\".\"Id\" > @", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY \"p\".\"CreatedAt\", \"p\".\"Id\"", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT @", sql, StringComparison.Ordinal);
        Assert.Equal([$"SEARCH p USING INDEX {CatalogDb.CreatedAtIdIndex} (CreatedAt>?)"], plan);
    }

    [Fact]
    public async Task ToKeysetPageAsync_PreviousStringKey_TranslatesTheComparisonToSql()
    {
        await using var catalog = await Catalog.CreateAsync(10);
        var commands = new CommandRecorder();
        await using var db = new CatalogDb(new DbContextOptionsBuilder<CatalogDb>().UseSqlite(catalog.Connection).AddInterceptors(commands).Options);

        await db.Products.ToKeysetPageAsync(p => p.Name, p => p.Id, new KeysetPosition<string>("Product 000005", 5), PageDirection.Previous, 3);
        var sql = Assert.Single(commands.Texts);

        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("\"p\".\"Name\" <= @", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY \"p\".\"Name\" DESC, \"p\".\"Id\" DESC", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToOffsetPageAsync_Sql_AsksForOneRowMoreAndCountsOnlyWhenAsked()
    {
        await using var catalog = await Catalog.CreateAsync(100);
        var commands = new CommandRecorder();
        await using var db = new CatalogDb(new DbContextOptionsBuilder<CatalogDb>().UseSqlite(catalog.Connection).AddInterceptors(commands).Options);

        await db.Products.OrderBy(p => p.Id).ToOffsetPageAsync(new PageWindow(10, 5, false));
        var withoutTotal = commands.Texts.ToList();
        await db.Products.OrderBy(p => p.Id).ToOffsetPageAsync(new PageWindow(10, 5, false), includeTotal: true);

        Assert.Single(withoutTotal);
        Assert.DoesNotContain("COUNT", withoutTotal[0], StringComparison.Ordinal);
        Assert.Contains("LIMIT @", withoutTotal[0], StringComparison.Ordinal);
        Assert.Contains("OFFSET @", withoutTotal[0], StringComparison.Ordinal);
        Assert.Equal(3, commands.Texts.Count);
        Assert.Contains("COUNT(*)", commands.Texts[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PageDirection.Next)]
    [InlineData(PageDirection.Previous)]
    public async Task ToKeysetPageAsync_ValidCursorWhoseRowsWereDeleted_IsAnEmptyPageWithNoNeighbours(PageDirection direction)
    {
        // A client follows a next (or prev) link after every row beyond its cursor was deleted: there is no item to link
        // from, so the page must not claim neighbours (notebook 08's endpoint built links from Items[0] and Items[^1]).
        await using var catalog = await Catalog.CreateAsync(30);
        await using var db = catalog.NewContext();
        var first = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, null, direction, 5);
        var edge = direction == PageDirection.Next ? first.Items[^1] : first.Items[0];
        var from = new KeysetPosition<long>(edge.CreatedAt, edge.Id);
        var beyond = direction == PageDirection.Next
            ? db.Products.Where(p => p.CreatedAt > edge.CreatedAt || (p.CreatedAt == edge.CreatedAt && p.Id > edge.Id))
            : db.Products.Where(p => p.CreatedAt < edge.CreatedAt || (p.CreatedAt == edge.CreatedAt && p.Id < edge.Id));
        await beyond.ExecuteDeleteAsync();

        var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, from, direction, 5);

        Assert.Empty(page.Items);
        Assert.False(page.HasNext);
        Assert.False(page.HasPrevious);
    }

    [Fact]
    public async Task ToKeysetPageAsync_LimitBelowOne_Throws()
    {
        await using var catalog = await Catalog.CreateAsync(1);
        await using var db = catalog.NewContext();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => db.Products.ToKeysetPageAsync(p => p.Id, p => p.Id, null, PageDirection.Next, 0));
    }

    [Fact]
    public async Task ToOffsetAndKeysetPageAsync_LimitWhoseProbeRowWouldOverflow_Throws()
    {
        await using var catalog = await Catalog.CreateAsync(3);
        await using var db = catalog.NewContext();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            db.Products.OrderBy(p => p.Id).ToOffsetPageAsync(new PageWindow(0, int.MaxValue, false)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            db.Products.ToKeysetPageAsync(p => p.Id, p => p.Id, null, PageDirection.Next, int.MaxValue));
        var large = await db.Products.OrderBy(p => p.Id).ToOffsetPageAsync(new PageWindow(0, int.MaxValue - 1, false));
        Assert.Equal((3, false), (large.Items.Count, large.HasNext));
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
