using System.Diagnostics;
using Course.Pagination;
using Microsoft.EntityFrameworkCore;

namespace Course.Lib.Tests.Pagination;

public class CatalogTests
{
    [Fact]
    public void TheSchemaCatalogCreates_IsTheOneEfCoreWouldCreateForCatalogDb()
    {
        // Catalog creates its table with plain SQL (no EF Core model to build before the first query): it must stay what
        // EnsureCreated would make of CatalogDb's model.
        using var db = new CatalogDb(new DbContextOptionsBuilder<CatalogDb>().UseSqlite("Data Source=:memory:").Options);

        Assert.Equal(Normalize(db.Database.GenerateCreateScript()), Normalize(Catalog.SchemaSql));
    }

    private static string Normalize(string sql) =>
        string.Join("\n", sql.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    [Fact]
    public async Task CreateAsync_SameSeed_GivesTheSameRowsWithIdsFromOne()
    {
        await using var first = await Catalog.CreateAsync(500, seed: 7);
        await using var second = await Catalog.CreateAsync(500, seed: 7);

        var a = await Rows(first);
        var b = await Rows(second);

        Assert.Equal(500, a.Count);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), a.Select(p => p.Id));
        Assert.Equal(a.Select(Describe), b.Select(Describe));
        Assert.Equal("Product 000001", a[0].Name);
    }

    [Fact]
    public async Task CreateAsync_AnotherSeed_GivesOtherCategoriesAndPrices()
    {
        await using var first = await Catalog.CreateAsync(200, seed: 1);
        await using var second = await Catalog.CreateAsync(200, seed: 2);

        Assert.NotEqual((await Rows(first)).Select(Describe), (await Rows(second)).Select(Describe));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public async Task CreateAsync_AnySeed_GivesKnownCategoriesAndPositivePrices(int seed)
    {
        await using var catalog = await Catalog.CreateAsync(500, seed);

        var rows = await Rows(catalog);
        Assert.Equal(500, rows.Count);
        Assert.All(rows, p => Assert.Contains(p.Category, Catalog.Categories));
        Assert.All(rows, p => Assert.InRange(p.Price, 1.0, 1000.0));
        Assert.All(rows, p => Assert.InRange(p.CreatedAt, Catalog.FirstCreatedAt, Catalog.FirstCreatedAt + 500 * 1000L));
    }

    [Fact]
    public async Task CreateAsync_Rows_HaveDuplicateTimestampsKnownCategoriesAndPositivePrices()
    {
        await using var catalog = await Catalog.CreateAsync(2_000);
        var rows = await Rows(catalog);

        var perTimestamp = rows.GroupBy(p => p.CreatedAt).Select(g => g.Count()).ToList();
        Assert.True(perTimestamp.Max() >= 3, $"the largest group of equal timestamps has {perTimestamp.Max()} rows");
        Assert.True(perTimestamp.Count < rows.Count / 2, $"{perTimestamp.Count} distinct timestamps for {rows.Count} rows");
        Assert.All(rows, p => Assert.Contains(p.Category, Catalog.Categories));
        Assert.Equal(Catalog.Categories.Count, rows.Select(p => p.Category).Distinct().Count());
        Assert.All(rows, p => Assert.InRange(p.Price, 1.0, 1000.0));
        Assert.True(rows.Select(p => p.Price).Distinct().Count() > 1_000);
        Assert.True(rows.Min(p => p.CreatedAt) >= Catalog.FirstCreatedAt);
        // Not in id order everywhere: keyset by CreatedAt differs from keyset by Id.
        Assert.Contains(rows.Zip(rows.Skip(1)), pair => pair.First.CreatedAt > pair.Second.CreatedAt);
    }

    [Fact]
    public async Task CreateAsync_ZeroRows_GivesAnEmptyTable()
    {
        await using var catalog = await Catalog.CreateAsync(0);
        await using var db = catalog.NewContext();

        Assert.Equal(0, await db.Products.CountAsync());
    }

    [Fact]
    public async Task QueryAsync_BindsNamedParametersAndReturnsNullsAsDbNull()
    {
        await using var catalog = await Catalog.CreateAsync(10);

        var rows = await catalog.QueryAsync("SELECT Id, NULL FROM Products WHERE Id > $id ORDER BY Id", ("$id", 7L));
        var none = await catalog.QueryAsync("CREATE TEMP TABLE T (x)");

        Assert.Equal([8L, 9L, 10L], rows.Select(r => (long)r[0]));
        Assert.All(rows, r => Assert.Same(DBNull.Value, r[1]));
        Assert.Empty(none);
    }

    [Fact]
    public async Task CreateAsync_TwoHundredThousandRows_TakesSecondsNotMinutes()
    {
        var clock = Stopwatch.StartNew();
        await using var catalog = await Catalog.CreateAsync(200_000);
        clock.Stop();
        await using var db = catalog.NewContext();

        Assert.Equal(200_000, await db.Products.CountAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task NewContext_SharesTheConnection_SoWritesAreSeenByTheNextContext()
    {
        await using var catalog = await Catalog.CreateAsync(10);
        await using (var db = catalog.NewContext())
        {
            db.Products.Add(new Product { Name = "new", Category = "books", Price = 1, CreatedAt = 5 });
            await db.SaveChangesAsync();
        }
        await using var other = catalog.NewContext();

        Assert.Equal(11, await other.Products.CountAsync());
        Assert.Same(catalog.Connection, other.Database.GetDbConnection());
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheConnection()
    {
        var catalog = await Catalog.CreateAsync(1);
        await catalog.DisposeAsync();

        Assert.Equal(System.Data.ConnectionState.Closed, catalog.Connection.State);
    }

    [Fact]
    public async Task ExplainQueryPlanAsync_Sql_ShowsTheIndexSearchAndTheTempBTree()
    {
        await using var catalog = await Catalog.CreateAsync(100);

        var keyset = await catalog.ExplainQueryPlanAsync(
            "SELECT * FROM Products WHERE CreatedAt >= 5 AND (CreatedAt > 5 OR Id > 3) ORDER BY CreatedAt, Id LIMIT 20");
        var unindexed = await catalog.ExplainQueryPlanAsync("SELECT * FROM Products ORDER BY Price LIMIT 20");

        Assert.Contains(keyset, line => line.Contains($"SEARCH Products USING INDEX {CatalogDb.CreatedAtIdIndex} (CreatedAt>?)", StringComparison.Ordinal));
        Assert.DoesNotContain(keyset, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Equal(["SCAN Products", "USE TEMP B-TREE FOR ORDER BY"], unindexed);
    }

    [Fact]
    public async Task ExplainQueryPlanAsync_PlainOrFormOfTheKeysetCondition_AlsoSearchesTheIndex()
    {
        await using var catalog = await Catalog.CreateAsync(100);

        var plan = await catalog.ExplainQueryPlanAsync(
            "SELECT * FROM Products WHERE CreatedAt > 5 OR (CreatedAt = 5 AND Id > 3) ORDER BY CreatedAt, Id LIMIT 20");

        Assert.Equal([$"SEARCH Products USING INDEX {CatalogDb.CreatedAtIdIndex} (CreatedAt>?)"], plan);
    }

    [Fact]
    public async Task ExplainQueryPlanAsync_Queryable_BindsItsParametersAndShowsTheIndex()
    {
        await using var catalog = await Catalog.CreateAsync(100);
        await using var db = catalog.NewContext();
        var after = 1_767_225_610_000L;
        var query = db.Products.Where(p => p.CreatedAt > after).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(20);

        var plan = await catalog.ExplainQueryPlanAsync(query);

        Assert.Equal([$"SEARCH p USING INDEX {CatalogDb.CreatedAtIdIndex} (CreatedAt>?)"], plan); // EF Core aliases the table as "p"
    }

    [Fact]
    public async Task ExplainQueryPlanAsync_NestedSteps_AreIndented()
    {
        await using var catalog = await Catalog.CreateAsync(10);

        var plan = await catalog.ExplainQueryPlanAsync("SELECT * FROM Products WHERE Id IN (SELECT Id FROM Products WHERE Price > 5) ORDER BY Price");

        Assert.Contains(plan, line => line.StartsWith("  ", StringComparison.Ordinal));
    }

    private static async Task<List<Product>> Rows(CatalogDatabase catalog)
    {
        await using var db = catalog.NewContext();
        return await db.Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
    }

    private static string Describe(Product p) => $"{p.Id}|{p.Name}|{p.Category}|{p.Price}|{p.CreatedAt}";
}
