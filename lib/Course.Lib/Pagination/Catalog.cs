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
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var db = database.NewContext();
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
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

    // h is a cheap deterministic hash of (n, seed), kept below 2^31 so products never overflow 64 bits.
    private static readonly string InsertSql = $"""
        WITH RECURSIVE
          n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows),
          r(i, h) AS (SELECT i, ((i * 1103515245 + ($seed % 1000003) * 12345 + 12345) % 2147483648) FROM n)
        INSERT INTO Products (Id, Name, Category, Price, CreatedAt)
        SELECT i,
               'Product ' || printf('%06d', i),
               CASE (h / 7) % 8 {string.Concat(Categories.Select((c, k) => $"WHEN {k} THEN '{c}' "))}END,
               ((h / 13) % 99900 + 100) / 100.0,
               $start + ((i + (h / 3) % 5) / 4) * 1000
        FROM r
        """;
}
