using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Course.Pagination;

/// <summary>
/// An in-memory SQLite catalogue (made by <see cref="Catalog.CreateAsync"/>): one open connection that keeps
/// the data alive, and EF Core contexts over it. Contexts share the connection, so use them one at a time.
/// </summary>
public sealed class CatalogDatabase : IAsyncDisposable
{
    private readonly DbContextOptions<CatalogDb> _options;

    internal CatalogDatabase(SqliteConnection connection)
    {
        Connection = connection;
        _options = new DbContextOptionsBuilder<CatalogDb>().UseSqlite(connection).Options;
    }

    /// <summary>The open connection; the in-memory database lives as long as it is open.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>A new context over the shared connection (dispose it; the connection stays open).</summary>
    public CatalogDb NewContext() => new(_options);

    /// <summary>The detail lines of SQLite's <c>EXPLAIN QUERY PLAN</c> for <paramref name="sql"/>, such as <c>SCAN Products</c>.</summary>
    /// <param name="sql">One SQL statement; unbound parameters count as NULL.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>One line per plan step, nested steps indented by two spaces per level.</returns>
    public async Task<IReadOnlyList<string>> ExplainQueryPlanAsync(string sql, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var (statement, parameters) = SplitParameters(sql);
        await using var command = Connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var depth = new Dictionary<long, int>();
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            var parent = reader.GetInt64(1);
            var level = depth.TryGetValue(parent, out var d) ? d + 1 : 0;
            depth[id] = level;
            lines.Add(new string(' ', 2 * level) + reader.GetString(3));
        }
        return lines;
    }

    /// <summary>The plan of an EF Core query over this database (its SQL from <c>ToQueryString()</c>, parameters bound).</summary>
    /// <param name="query">A query from a context of this database.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>One line per plan step, nested steps indented by two spaces per level.</returns>
    public Task<IReadOnlyList<string>> ExplainQueryPlanAsync(IQueryable query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ExplainQueryPlanAsync(query.ToQueryString(), ct);
    }

    /// <summary>Runs one SQL statement with named parameters (<c>$key</c>) and returns its rows, for plain SQL beside EF Core.</summary>
    /// <param name="sql">The statement; a statement that returns no rows (<c>CREATE</c>, <c>DROP</c>) gives an empty list.</param>
    /// <param name="parameters">The values of the statement's parameters, by name.</param>
    /// <returns>Each row's column values in order (<see cref="DBNull.Value"/> for a NULL).</returns>
    public async Task<IReadOnlyList<object[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var rows = new List<object[]>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    // EF Core's SQLite ToQueryString() starts with ".param set @name value" lines; they become bound parameters.
    private static (string Sql, List<(string Name, object Value)> Parameters) SplitParameters(string sql)
    {
        var parameters = new List<(string, object)>();
        var rest = new List<string>();
        foreach (var line in sql.Split('\n'))
        {
            const string Prefix = ".param set ";
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                rest.Add(line);
                continue;
            }
            var text = line[Prefix.Length..].TrimEnd('\r');
            var space = text.IndexOf(' ');
            if (space < 0)
            {
                continue;
            }
            parameters.Add((text[..space], Literal(text[(space + 1)..].Trim())));
        }
        return (string.Join('\n', rest).Trim(), parameters);
    }

    private static object Literal(string text)
    {
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }
        return text.Equals("NULL", StringComparison.OrdinalIgnoreCase) ? DBNull.Value : text;
    }
}
