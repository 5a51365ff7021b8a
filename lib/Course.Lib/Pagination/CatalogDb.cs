using Microsoft.EntityFrameworkCore;

namespace Course.Pagination;

/// <summary>
/// The catalogue's EF Core context: one table, <c>Products</c>, with one index besides the primary key,
/// <c>IX_Products_CreatedAt_Id</c> on <c>(CreatedAt, Id)</c> — the keyset order. Category and Price have no index.
/// </summary>
/// <param name="options">The options (the provider and the connection).</param>
public sealed class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
{
    /// <summary>The name of the index on <c>(CreatedAt, Id)</c>.</summary>
    public const string CreatedAtIdIndex = "IX_Products_CreatedAt_Id";

    /// <summary>The products.</summary>
    public DbSet<Product> Products => Set<Product>();

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var product = modelBuilder.Entity<Product>();
        product.ToTable("Products");
        product.HasKey(p => p.Id);
        product.HasIndex(p => new { p.CreatedAt, p.Id }).HasDatabaseName(CreatedAtIdIndex);
    }
}
