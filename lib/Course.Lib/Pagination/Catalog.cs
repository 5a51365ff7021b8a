using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Course.Pagination;

/// <summary>Builds the sample catalogue: an in-memory SQLite database of products, generated deterministically.</summary>
public static class Catalog
{
    /// <summary>The categories the generated products belong to.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["books", "garden", "games", "kitchen", "music", "office", "sports", "toys"];

    /// <summary>2026-01-01T00:00:00Z in Unix milliseconds: the first generated <see cref="Product.CreatedAt"/>.</summary>
    public const long FirstCreatedAt = 1_767_225_600_000;

    /// <summary>
    /// Opens (and keeps open) a connection to a fresh in-memory database, creates the schema, and inserts
    /// <paramref name="rows"/> products with one set-based statement (a recursive CTE), the same ones for the same
    /// <paramref name="seed"/>. Ids run 1..rows; <see cref="Product.CreatedAt"/> roughly follows the id, one second
    /// apart, with jitter, and about four rows share each timestamp.
    /// </summary>
    /// <param name="rows">How many products (0 or more).</param>
    /// <param name="seed">Varies names, categories, prices and timestamps.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The database; dispose it to close the connection (the data disappears with it).</returns>
    public static async Task<CatalogDatabase> CreateAsync(int rows, int seed = 42, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var connection = new SqliteConnection("Data Source=:memory:");
        var database = new CatalogDatabase(connection);
        try
        {
            await OpenAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (var schema = connection.CreateCommand())
            {
                schema.CommandText = SchemaSql;
                await schema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            if (rows > 0)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = InsertSql;
                command.Parameters.AddWithValue("$rows", rows);
                command.Parameters.AddWithValue("$seed", (long)seed);
                command.Parameters.AddWithValue("$start", FirstCreatedAt);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The schema, as EF Core's <c>EnsureCreated</c> makes it for <see cref="CatalogDb"/> (a test keeps the two equal). Plain
    /// SQL, so that creating a catalogue builds no EF Core model: the first query of the code under test builds the only one.
    /// </summary>
    internal const string SchemaSql = """
        CREATE TABLE "Products" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY AUTOINCREMENT,
            "Name" TEXT NOT NULL,
            "Category" TEXT NOT NULL,
            "Price" REAL NOT NULL,
            "CreatedAt" INTEGER NOT NULL
        );
        CREATE INDEX "IX_Products_CreatedAt_Id" ON "Products" ("CreatedAt", "Id");
        """;

    // The library is built against the SQLite provider without SQLite itself (so the course engine is no more forgiving
    // than Polyglot's kernel); the notebook's NuGet reference brings it. Without one, SQLitePCLRaw's own message names
    // a call the learner should not make: say what to add instead.
    private static async Task OpenAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e.Message.Contains("SQLitePCL.raw.SetProvider", StringComparison.Ordinal))
        {
            var version = typeof(SqliteDbContextOptionsBuilderExtensions).Assembly.GetName().Version!.ToString(3);
            throw new InvalidOperationException(
                $"SQLite itself is not loaded. Add #r \"nuget: Microsoft.EntityFrameworkCore.Sqlite, {version}\" to the notebook's setup cell: " +
                "the course library uses SQLite but does not bring its native library.", e);
        }
    }

    // h is a cheap deterministic hash of (n, seed) in [0, 2^31): non-negative for any seed (SQLite's % keeps the sign, so the
    // seed is brought into [0, 1000003) first; a negative h gave NULL categories), small enough that products never overflow.
    private static readonly string InsertSql = $"""
        WITH RECURSIVE
          n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows),
          r(i, h) AS (SELECT i, ((i * 1103515245 + (($seed % 1000003 + 1000003) % 1000003) * 12345 + 12345) % 2147483648) FROM n)
        INSERT INTO Products (Id, Name, Category, Price, CreatedAt)
        SELECT i,
               'Product ' || printf('%06d', i),
               CASE (h / 7) % 8 {string.Concat(Categories.Select((c, k) => $"WHEN {k} THEN '{c}' "))}END,
               ((h / 13) % 99900 + 100) / 100.0,
               $start + ((i + (h / 3) % 5) / 4) * 1000
        FROM r
        """;
}
