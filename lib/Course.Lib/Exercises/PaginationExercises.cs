using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Hosting;
using Course.Http;
using Course.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Exercises;

/// <summary>The exercises of notebook 08, pagination styles.</summary>
public static partial class PaginationExercises
{
    /// <summary>08.3: the RFC 8288 <c>Link</c> header of one offset page — first, prev, next, last where they exist.</summary>
    public static Exercise<Func<HttpRequest, PageWindow, int, string>> LinkHeaderExercise { get; } = new(
        id: "08.3",
        title: "A Link header written by hand: first, prev, next and last where they exist",
        hint: """
            Build each link as $"<{url}>; rel=\"next\"" and join them with ", ". Add a rel only when that page exists: anything
            before the current offset? Anything after offset + limit? A previous page must not start below 0, and the last page
            of 100 rows of 20 starts at 80, not 100. A client may send any offset up to int.MaxValue: ask
            "window.Offset < total - window.Limit", which cannot overflow. Each URL is absolute: UriHelper.BuildAbsolute(
            request.Scheme, request.Host, request.PathBase, request.Path, query) (namespace Microsoft.AspNetCore.Http.Extensions),
            with query = QueryString.Create(pairs): the request's parameters other than offset and limit (names compared ignoring
            case: ?Offset= binds as offset), then offset and
            window.Limit — the size the page used, not the request's ?limit=, which the endpoint may have clamped.
            """,
        answers: ExerciseAnswers.Load("08.3"),
        cases:
        [
            new("a middle page (offset 40, limit 20, total 95) → first 0, prev 20, next 60, last 80", answer =>
                ExpectLinks(answer, "/products?offset=40&limit=20", 40, 20, 95,
                    ("first", 0), ("prev", 20), ("next", 60), ("last", 80))),
            new("the first page (offset 0) → no prev", answer =>
                ExpectLinks(answer, "/products?limit=20", 0, 20, 95, ("first", 0), ("next", 20), ("last", 80))),
            new("the last page (offset 80 of 95) → no next", answer =>
                ExpectLinks(answer, "/products?offset=80&limit=20", 80, 20, 95, ("first", 0), ("prev", 60), ("last", 80))),
            new("total an exact multiple (offset 80, limit 20, total 100) → last is 80, not 100, and no next", answer =>
                ExpectLinks(answer, "/products?offset=80&limit=20", 80, 20, 100, ("first", 0), ("prev", 60), ("last", 80))),
            new("an offset that is not a multiple (offset 5, limit 20) → prev starts at 0, never below", answer =>
                ExpectLinks(answer, "/products?offset=5&limit=20", 5, 20, 95, ("first", 0), ("prev", 0), ("next", 25), ("last", 80))),
            new("other query parameters are kept and encoded (?q=red lamp&sort=price)", answer =>
                ExpectLinks(answer, "/products?q=red%20lamp&sort=price&offset=40&limit=20", 40, 20, 95,
                    ("first", 0), ("prev", 20), ("next", 60), ("last", 80))),
            new("no rows at all (total 0) → first and last both at offset 0, no prev, no next", answer =>
                ExpectLinks(answer, "/products?limit=20", 0, 20, 0, ("first", 0), ("last", 0))),
            new("a clamped limit (?limit=1000, the page used 100; total 250) → every link says limit=100, the size actually used", answer =>
                ExpectLinks(answer, "/products?offset=100&limit=1000", 100, 100, 250, ("first", 0), ("prev", 0), ("next", 200), ("last", 200))),
            new("another path, /catalog/lamps, and no limit in the request (the page used the default, 25) → links to /catalog/lamps that say limit=25", answer =>
                ExpectLinks(answer, "/catalog/lamps?offset=25", 25, 25, 95, ("first", 0), ("prev", 0), ("next", 50), ("last", 75))),
            new("the largest offset a client can send (offset 2147483647, limit 20, total 95) → no next: offset + limit must not overflow int", answer =>
                ExpectLinks(answer, "/products?offset=2147483647&limit=20", int.MaxValue, 20, 95,
                    ("first", 0), ("prev", int.MaxValue - 20), ("last", 80))),
            new("an app under the path base /api → absolute links to https://shop.example/api/products…", answer =>
                ExpectLinks(answer, "/products?offset=40&limit=20", 40, 20, 95, [("first", 0), ("prev", 20), ("next", 60), ("last", 80)], pathBase: "/api")),
            new("a request over plain http (http://shop.example/products…) → links that start with http://, the request's own scheme", answer =>
                ExpectLinks(answer, "/products?offset=40&limit=20", 40, 20, 95, [("first", 0), ("prev", 20), ("next", 60), ("last", 80)], pathBase: "", scheme: "http")),
            new("a request to a port of its own (https://shop.example:8443/products…) → links to shop.example:8443, the port kept", answer =>
                ExpectLinks(answer, "/products?offset=40&limit=20", 40, 20, 95, [("first", 0), ("prev", 20), ("next", 60), ("last", 80)], pathBase: "", host: "shop.example:8443")),
            new("parameter names in another case (?Offset=40&LIMIT=20, which ASP.NET Core binds as offset and limit) → each link has one offset and one limit", answer =>
                ExpectLinks(answer, "/products?Offset=40&LIMIT=20&sort=price", 40, 20, 95,
                    ("first", 0), ("prev", 20), ("next", 60), ("last", 80))),
            new("a parameter repeated in the request (?tag=red&tag=blue) → kept as two parameters, tag=red&tag=blue", answer =>
                ExpectLinks(answer, "/products?tag=red&tag=blue&offset=40&limit=20", 40, 20, 95,
                    ("first", 0), ("prev", 20), ("next", 60), ("last", 80))),
        ]);

    /// <summary>08.1: a keyset endpoint over the catalogue with the signed cursor of <see cref="CursorCodec"/>.</summary>
    public static Exercise<Action<WebApplication>> KeysetEndpoint { get; } = new(
        id: "08.1",
        title: "A keyset endpoint with a signed cursor",
        hint: """
            Bind [AsParameters] CursorQuery query and inject CatalogDb db and CursorCodec codec. A cursor that is present but does
            not decode (codec.TryDecode<long>) is a 400 ValidationProblem keyed "cursor". The order is (CreatedAt, Id) — CreatedAt
            alone has duplicates. Write the WHERE and the ORDER BY yourself: CreatedAt >= k && (CreatedAt > k || Id > i) — the
            same rows as CreatedAt > k || (CreatedAt == k && Id > i), with a leading range any database can seek on — then
            OrderBy(p => p.CreatedAt).ThenBy(p => p.Id). next is the encoded position of the LAST item of the page when more rows
            follow, else null — and a full page does not prove that: fetch limit + 1 rows and look for the extra one.
            """,
        answers: ExerciseAnswers.Load("08.1"),
        cases:
        [
            new("walking every page (limit 7) while rows are inserted between requests → every original row exactly once, in (CreatedAt, Id) order", async (answer, token) =>
            {
                await using var fixture = await KeysetFixture.StartAsync(answer, token);
                var original = fixture.KeysInOrder;
                var seen = new List<ProductKey>();
                string? cursor = null;
                ProductKey? previousLast = null;
                var startsAtCursorRow = false;
                var behindCursorWithLargerId = false;   // CreatedAt > k || Id > i: rows before (k, i) whose Id is larger come back
                for (var request = 0; request < 200; request++)
                {
                    var page = await fixture.GetPageAsync(cursor is null ? "/products?limit=7" : $"/products?limit=7&cursor={Uri.EscapeDataString(cursor)}", token);
                    startsAtCursorRow |= previousLast is not null && page.Items.Count > 0 && page.Items[0] == previousLast;
                    if (previousLast is { } k)
                    {
                        var behind = page.Items.Where(item => item.CompareTo(k) < 0).ToList();
                        behindCursorWithLargerId |= behind.Count > 0 && behind.All(item => item.Id > k.Id) && page.Items.All(item => item.CreatedAt > k.CreatedAt || item.Id > k.Id);
                    }
                    previousLast = page.Items.Count > 0 ? page.Items[^1] : previousLast;
                    seen.AddRange(page.Items);
                    if (page.Next is null)
                    {
                        break;
                    }
                    fixture.ExpectCursorAtLastRow(page);
                    cursor = page.Next;
                    await fixture.InsertEarlyAndLateAsync(token);   // a write between two page requests
                }
                var originalIds = original.Select(k => k.Id).ToHashSet();
                var seenOriginal = seen.Where(k => originalIds.Contains(k.Id)).Select(k => k.Id).ToList();
                var repeated = seenOriginal.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                var missing = originalIds.Except(seenOriginal).ToList();
                Expect.That(repeated.Count == 0,
                    $"{repeated.Count} row(s) came twice (ids {Few(repeated)}): " + (startsAtCursorRow
                        ? "each page began with the last row of the page before, the row its cursor names. The next page starts strictly " +
                          "after that row: compare with >, not >= — CreatedAt > k || (CreatedAt == k && Id > i)."
                        : behindCursorWithLargerId
                        ? "your keyset condition lets rows from before the cursor back in — rows created earlier than the cursor's row " +
                          "but with a larger Id (CreatedAt > k || Id > i?). After (k, i) means CreatedAt > k || (CreatedAt == k && Id > i): " +
                          "the Id decides only among rows with the same CreatedAt."
                        : "rows inserted before the position shifted your pages — the page must start after the last row seen (keyset), " +
                          "not after a number of rows (offset)."));
                var position = original.Select((k, i) => (k.Id, i)).ToDictionary(p => p.Id, p => p.i);
                var tied = missing.All(id => position[id] > 0 && original[position[id] - 1].CreatedAt == original[position[id]].CreatedAt);
                var afterLargerId = missing.Any(id => original.Take(position[id]).Any(k => k.Id > id));
                Expect.That(missing.Count == 0,
                    $"{missing.Count} of the {originalIds.Count} original rows never came (ids {Few(missing)}). " + (afterLargerId && !tied
                        ? "Each comes after a row with a larger Id (created earlier, inserted later): the WHERE must compare the pair " +
                          "(CreatedAt, Id) in order — CreatedAt > k || (CreatedAt == k && Id > i) — not each column on its own " +
                          "(CreatedAt >= k && Id > i)."
                        : "If they share a CreatedAt with the last row of a page, the order needs the Id as a tie-breaker."));
                var expectedOrder = original.Select(k => k.Id).ToList();
                Expect.That(seenOriginal.SequenceEqual(expectedOrder),
                    "Every original row came once, but not in (CreatedAt, Id) order: order by CreatedAt, then by Id.");
                Expect.That(seen.Zip(seen.Skip(1)).All(pair => pair.First.CompareTo(pair.Second) < 0),
                    "The rows of the walk are not in ascending (CreatedAt, Id) order.");
            }),
            new("a CreatedAt shared by the last row of a page and the first of the next is not lost (limit 3)", async (answer, token) =>
            {
                await using var fixture = await KeysetFixture.StartAsync(answer, token);
                var walked = await fixture.WalkAsync(limit: 3, token);
                var original = fixture.KeysInOrder;
                var split = Enumerable.Range(1, original.Count / 3).Select(k => k * 3)
                    .FirstOrDefault(i => i < original.Count && original[i - 1].CreatedAt == original[i].CreatedAt);
                Expect.That(split > 0, "(the check's catalogue should have a duplicate CreatedAt across a page boundary)");
                Expect.That(walked.Select(k => k.Id).Contains(original[split].Id),
                    $"Row {original[split].Id} shares CreatedAt {original[split].CreatedAt} with row {original[split - 1].Id}, the last row " +
                    "of the page before it, and it never came: `CreatedAt > cursor` alone drops it. Compare (CreatedAt, Id): " +
                    "CreatedAt > k || (CreatedAt == k && Id > i).");
                Expect.That(walked.Select(k => k.Id).SequenceEqual(original.Select(k => k.Id)),
                    "A walk with limit 3 did not return every row once, in (CreatedAt, Id) order.");
            }),
            new("a tampered cursor, a forged ?cursor=12345 and garbage → 400 problem details naming \"cursor\"", async (answer, token) =>
            {
                await using var fixture = await KeysetFixture.StartAsync(answer, token);
                var first = await fixture.GetPageAsync("/products?limit=5", token);
                Expect.That(first.Next is not null, "The first page of 5 rows has no \"next\" cursor, although the catalogue has more rows.");
                var cursor = first.Next!;
                var middle = cursor.Length / 4;
                var swapped = char.IsAsciiDigit(cursor[middle]) ? (cursor[middle] == '1' ? '2' : '1') : (cursor[middle] == 'A' ? 'B' : 'A');
                var tampered = cursor[..middle] + swapped + cursor[(middle + 1)..];   // still well-formed: only a signature can tell
                foreach (var (bad, what) in new[] { (tampered, "your own next cursor with one character changed"), ("12345", "a forged cursor"), ("not-a-cursor", "garbage") })
                {
                    var exchange = await fixture.App.GetAsync($"/products?limit=5&cursor={Uri.EscapeDataString(bad)}", token);
                    ExpectValidationProblem(exchange, "cursor",
                        $"the endpoint accepted {what}. A cursor must verify — codec.TryDecode checks its signature — or the client can " +
                        "point the query anywhere; answer 400 naming \"cursor\" when it does not.");
                }
            }),
            new("limit=1000 → clamped to 100 rows, with a next cursor; no limit → 20; limit=0 and limit=-3 → 400 naming \"limit\"", async (answer, token) =>
            {
                await using var fixture = await KeysetFixture.StartAsync(answer, token);
                var big = await fixture.GetPageAsync("/products?limit=1000", token);
                Expect.Equal(100, big.Items.Count, "the number of rows for limit=1000 (the maximum is 100)");
                Expect.That(big.Next is not null,
                    $"GET /products?limit=1000 returned 100 rows and \"next\": null, although {fixture.KeysInOrder.Count - 100} more rows follow: " +
                    "the walk ends there and they are never reached. Did you clamp after the query — fetch up to 1000 rows, then cut the list " +
                    "to 100? Clamp the limit first (Math.Min(limit, 100)) and query with the clamped value: the query reads one page, and " +
                    "its extra row tells whether more follow.");
                fixture.ExpectCursorAtLastRow(big);
                await fixture.ExpectLimitAtMostAsync(() => fixture.GetPageAsync("/products?limit=1000", token), 101, rows =>
                    $"GET /products?limit=1000 answered 100 rows, but its query asked the database for {rows} (LIMIT {rows}) and cut the " +
                    "list afterwards: the clamp exists so that no request makes the database read more than a page (100 rows, plus one to " +
                    "see whether more follow). Clamp first (Math.Min(limit, 100)) and query with the clamped value.");
                var standard = await fixture.GetPageAsync("/products", token);
                Expect.Equal(20, standard.Items.Count, "the number of rows without a limit (the default is 20)");
                ExpectValidationProblem(await fixture.App.GetAsync("/products?limit=0", token), "limit");
                ExpectValidationProblem(await fixture.App.GetAsync("/products?limit=-3", token), "limit",
                    "a negative limit is below 1 too (and SQLite reads LIMIT -3 as no limit at all): refuse limit < 1, not only 0.");
            }),
            new("the last page has \"next\": null (150 rows, limit 50: the page with rows 101–150 ends the walk)", async (answer, token) =>
            {
                await using var fixture = await KeysetFixture.StartAsync(answer, token);
                var pages = await fixture.WalkPagesAsync(limit: 50, token);
                var lastRow = fixture.KeysInOrder[^1];
                var index = pages.FindIndex(p => p.Items.Contains(lastRow));
                Expect.That(index >= 0, $"A walk with limit 50 never returned the catalogue's last row (id {lastRow.Id}): see the cases about the walk.");
                Expect.That(pages[index].Next is null,
                    $"The page that holds the last row (id {lastRow.Id}) came with a \"next\" cursor" +
                    (pages.Skip(index + 1).All(p => p.Items.Count == 0)
                        ? ", and following it gave an empty page. A full page does not mean more rows follow: \"next\" must be null when " +
                          "nothing follows. Fetch limit + 1 rows and send next only if the extra row came."
                        : $", and the walk went on with rows that should have come before it (ids {Few(pages.Skip(index + 1).SelectMany(p => p.Items).Select(k => k.Id).ToList())})."));
            }),
            new("the next cursor is signed by the app's CursorCodec and names the page's last row, direction Next", async (answer, token) =>
            {
                await using var fixture = await KeysetFixture.StartAsync(answer, token);
                var first = await fixture.GetPageAsync("/products?limit=5", token);
                Expect.That(first.Next is not null && first.Items.Count > 0, "The first page of 5 rows has no \"next\" cursor, although the catalogue has more rows.");
                Expect.That(fixture.Codec.TryDecode<long>(first.Next, out _, out var direction),
                    $"The cursor \"{first.Next}\" does not verify with the CursorCodec registered in the app: a cursor the server does not " +
                    "sign can be edited or forged by any client. Make it with codec.Encode(new KeysetPosition<long>(last.CreatedAt, last.Id), PageDirection.Next).");
                fixture.ExpectCursorAtLastRow(first);
                Expect.Equal(PageDirection.Next, direction, "the cursor's direction");
            }),
            new("the SQL orders the rows by (CreatedAt, Id) (ORDER BY) and fetches one page (LIMIT)", async (answer, token) =>
            {
                await using var fixture = await KeysetFixture.StartAsync(answer, token);
                var first = await fixture.GetPageAsync("/products?limit=5", token);
                Expect.That(first.Next is not null, "The first page of 5 rows has no \"next\" cursor, although the catalogue has more rows.");
                await fixture.ExpectOnePageQueryAsync(() => fixture.GetPageAsync($"/products?limit=5&cursor={Uri.EscapeDataString(first.Next!)}", token),
                    ["CreatedAt", "Id"],
                    withoutOrderBy: "The query has no ORDER BY: today SQLite happens to read the rows in (CreatedAt, Id) order through the index it " +
                    "uses for the WHERE, but nothing guarantees it (another plan, index or database need not). Order by CreatedAt, then Id.",
                    wrongOrder: columns => $"The query orders by {string.Join(", ", columns)}, not by CreatedAt, then Id. " +
                    (columns.Count == 1 && columns[0] == "CreatedAt"
                        ? "Rows with the same CreatedAt then come in whatever order the database likes (today SQLite's index happens to give Id " +
                          "order), while your WHERE assumes Id order among them: a plan change would lose or repeat rows. Add ThenBy(p => p.Id)."
                        : "The ORDER BY must be the cursor's key, in the same order: OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)."),
                    withoutLimit: "The query has no LIMIT: it reads every row after the cursor and pages in memory. Take on the IQueryable, before ToListAsync.");
            }),
        ],
        caseTimeLimit: TimeSpan.FromSeconds(20)) { WarmUpAnswer = StandInAnswers.FirstKeysetPage };

    /// <summary>The query 08.2 asks an index for.</summary>
    public const string CategoryQuery = """SELECT "Id", "Name", "Price" FROM "Products" WHERE "Category" = 'kitchen' ORDER BY "Price", "Id" LIMIT 20""";

    /// <summary>08.2: the index that lets SQLite answer <see cref="CategoryQuery"/> without a sort.</summary>
    public static Exercise<Func<string>> ChooseIndex { get; } = new(
        id: "08.2",
        title: "Choose the index for a filtered, sorted page",
        hint: """
            An index is a sorted copy of some columns. SQLite can use it for the WHERE only if the filtered column comes FIRST
            (equality narrows the index to one range), and for the ORDER BY only if, inside that range, the entries are already
            in ORDER BY order — all of it, Id included (SQLite ends every index with the rowid, the Id, so (Category, Price) is
            enough here; other databases need (Category, Price, Id)). The index must serve every category, not only 'kitchen'. Try an order, run
            catalog.ExplainQueryPlanAsync(PaginationExercises.CategoryQuery) after executing it, and read the plan.
            """,
        answers: ExerciseAnswers.Load("08.2"),
        cases:
        [
            new("the statement runs and creates an index on Products", async (answer, token) =>
            {
                await using var database = await IndexFixture.CreateWithAsync(answer, token);
                var indexes = await database.IndexesAsync(token);
                Expect.That(indexes.Count > 0, "After your statement, Products has no index besides IX_Products_CreatedAt_Id: write CREATE INDEX … ON Products (…).");
            }),
            new("the plan SEARCHes Products with your index (the WHERE uses it)", async (answer, token) =>
            {
                await using var database = await IndexFixture.CreateWithAsync(answer, token);
                var plan = await database.PlanAsync(token);
                Expect.That(Searches(plan), $"The plan is {Show(plan)}: " + (plan.Any(line => line.Contains("USING", StringComparison.Ordinal) && line.Contains("INDEX", StringComparison.Ordinal))
                    ? "SQLite walks the whole index from its first entry, because the index does not start with the filtered column, so it cannot " +
                      "jump to one category. The filtered column must come first in the index."
                    : "SQLite does not use your index at all and reads the whole table to find one category. The filtered column must come first in the index."));
            }),
            new("no sort step: the plan has no USE TEMP B-TREE FOR ORDER BY (SQLite ends every index with the rowid, Id, so (Category, Price) " +
                "passes here; PostgreSQL and MySQL need the Id named: (Category, Price, Id))", async (answer, token) =>
            {
                await using var database = await IndexFixture.CreateWithAsync(answer, token);
                var plan = await database.PlanAsync(token);
                Expect.That(!Sorts(plan), $"The plan is {Show(plan)}: " + DescribeSort(plan));
                Expect.That(Searches(plan),
                    $"The plan is {Show(plan)}: no sort, but SQLite walks the whole index to find the category. Filtered column first.");
            }),
            new("the page is still right: the 20 cheapest kitchen products, by (Price, Id)", async (answer, token) =>
            {
                await using var database = await IndexFixture.CreateWithAsync(answer, token);
                await database.ExpectSameRowsAsync(token);
            }),
            new("the index serves every category's page — each of the catalogue's categories and one added later — with a SEARCH and no sort", async (answer, token) =>
            {
                await using var database = await IndexFixture.CreateWithAsync(answer, token);
                var kitchen = await database.PlanAsync(token);
                foreach (var category in Catalog.Categories.Append("lighting"))
                {
                    var plan = await database.PlanAsync(CategoryQuery.Replace("'kitchen'", $"'{category}'", StringComparison.Ordinal), token);
                    if (Searches(plan) && !Sorts(plan))
                    {
                        continue;
                    }
                    Expect.That(false, $"For category '{category}' the plan is {Show(plan)}" + (Searches(kitchen) && !Sorts(kitchen)
                        ? $": your index helps the 'kitchen' page but not the '{category}' one — a partial index (… WHERE Category = 'kitchen'), " +
                          "or one that lists some categories? The shop lists every category, including ones added later, with the same query: " +
                          "index the column, not some of its values."
                        : ": see the cases above — the index does not serve the 'kitchen' page either."));
                }
            }),
        ],
        caseTimeLimit: TimeSpan.FromSeconds(20));

    /// <summary>The exercises of notebook 08, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [KeysetEndpoint, ChooseIndex, LinkHeaderExercise];

    // ---------------------------------------------------------------- helpers

    /// <summary>A query that computes one value (a total, an existence test) rather than reading rows.</summary>
    [GeneratedRegex(@"^\s*SELECT\s+(?:COUNT|EXISTS|MAX|MIN|SUM|AVG)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex Aggregate();

    /// <summary>The rel parameter right after a link's URL: <c>; rel="next"</c> or <c>; rel=next</c>.</summary>
    [GeneratedRegex(@"^;\s*rel\s*=\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex RelParameter();

    /// <summary>A LIMIT whose count is a parameter: <c>LIMIT @__p_0</c>.</summary>
    [GeneratedRegex(@"LIMIT\s+(@\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex LimitParameter();

    /// <summary>A LIMIT with its count written out (the recorder puts the parameter's value in): <c>LIMIT 21</c>.</summary>
    [GeneratedRegex(@"LIMIT\s+(-?\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex LimitValue();

    /// <summary>The column an ORDER BY term names: the last quoted identifier, before an optional ASC/DESC.</summary>
    [GeneratedRegex(@"""([^""]+)""\s*(?:ASC|DESC)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OrderTerm();

    private static string Few<T>(IReadOnlyCollection<T> values) =>
        string.Join(", ", values.Take(5)) + (values.Count > 5 ? $", … ({values.Count} in all)" : "");

    private static bool Searches(IReadOnlyList<string> plan) =>
        plan.Any(line => line.Contains("SEARCH", StringComparison.Ordinal) && line.Contains("INDEX", StringComparison.Ordinal));

    private static bool Sorts(IReadOnlyList<string> plan) => plan.Any(line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));

    /// <summary>Why a plan with a sort step sorts, in the terms of the index the learner wrote.</summary>
    private static string DescribeSort(IReadOnlyList<string> plan) =>
        plan.Any(line => line.Contains("RIGHT PART OF ORDER BY", StringComparison.Ordinal) || line.Contains("LAST TERM OF ORDER BY", StringComparison.Ordinal))
            ? Searches(plan)
                ? "SQLite finds the category and reads it in price order, but within one price the entries are not in Id order (a column " +
                  "between Price and the end of the index, or Price DESC?), so it still sorts. After Category and Price, the index must end " +
                  "there (SQLite appends the rowid, Id) or continue with Id."
                : "SQLite reads the whole index in price order and sorts what it finds by the rest of the ORDER BY: the index does not start " +
                  "with the filtered column. Category first, then Price."
            : Searches(plan)
                ? "SQLite finds the category with your index, but must then sort that category's rows by price before it can return the " +
                  "first 20. Put the ORDER BY column in the index, right after the filtered one."
                : "SQLite reads every row and sorts them all for one page of 20: your index serves neither the WHERE nor the ORDER BY. " +
                  "Filtered column first, then the ORDER BY column.";

    private static readonly JsonSerializerOptions s_readableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A response body as a message quotes it. ASP.NET Core's JSON escapes " as \u0022 (and ≥, &lt;, &amp;, + likewise); a JSON
    /// body is written again with only the escapes JSON needs, so a learner reads their own text as they wrote it.
    /// </summary>
    private static string ShowBody(string body)
    {
        try
        {
            if (body.Length > 0 && System.Text.Json.Nodes.JsonNode.Parse(body) is { } node)
            {
                // Of problem details, the errors are what the learner wrote: show them before the 160-character cut.
                body = node is System.Text.Json.Nodes.JsonObject { } problem && problem["errors"] is { } errors
                    ? $"problem details, \"errors\": {errors.ToJsonString(s_readableJson)}"
                    : node.ToJsonString(s_readableJson);
            }
        }
        catch (JsonException)
        {
        }
        return Expect.DescribeBody(body);
    }

    private static string Show(IReadOnlyList<string> plan) => string.Join(" / ", plan.Select(line => $"\"{line}\""));

    private static void ExpectValidationProblem(HttpExchange exchange, string field, string? whenAccepted = null)
    {
        Expect.That(exchange.Status == 400,
            $"{exchange.Method} {exchange.Uri.PathAndQuery} should answer 400 Bad Request, but answered {exchange.Status} {exchange.ReasonPhrase} " +
            $"(body: {ShowBody(exchange.Body)})" + (exchange.Status == 200 && whenAccepted is not null ? $": {whenAccepted}" : "."));
        Expect.That((exchange.Header("Content-Type") ?? "").StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase),
            $"{exchange.Method} {exchange.Uri.PathAndQuery} answered 400, but not with problem details (Content-Type " +
            $"{exchange.Header("Content-Type") ?? "missing"}): return a ValidationProblem.");
        var named = false;
        try
        {
            using var document = JsonDocument.Parse(exchange.Body);
            named = document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object &&
                errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
        }
        Expect.That(named, $"{exchange.Method} {exchange.Uri.PathAndQuery} answered 400, but its \"errors\" do not name \"{field}\" " +
            $"(body: {ShowBody(exchange.Body)}).");
    }

    /// <summary>
    /// Fails unless <paramref name="header"/> is written as 08.3's contract asks: links separated by commas, each
    /// <c>&lt;url&gt;; rel="type"</c>. <see cref="LinkHeader.Parse"/> is tolerant; this is not.
    /// </summary>
    private static void ExpectLinkSyntax(string header)
    {
        var parts = new List<string>();
        var (inUrl, inQuotes, start) = (false, false, 0);
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (inUrl)
            {
                inUrl = c != '>';
            }
            else if (c is '"' or '<')
            {
                (inQuotes, inUrl) = (c == '"', c == '<');
            }
            else if (c == ',')
            {
                parts.Add(header[start..i]);
                start = i + 1;
            }
        }
        parts.Add(header[start..]);
        foreach (var part in parts)
        {
            var link = part.Trim();
            Expect.That(link.Length > 0, $"The header {header} has an empty link (two commas in a row, or one at an end): separate the links with \", \".");
            var close = link.IndexOf('>', StringComparison.Ordinal);
            Expect.That(link[0] == '<' && close > 0,
                $"In the link {link} the URL is not between angle brackets. RFC 8288 writes every link as <url>; rel=\"next\": the " +
                "brackets mark where the URL ends, since a URL may itself hold ; and , characters.");
            var parameters = link[(close + 1)..].Trim();
            var rel = RelParameter().Match(parameters);
            Expect.That(rel.Success,
                $"In the link {link} the URL should be followed by ; rel=\"…\" (a semicolon, then the relation type), but it is followed by " +
                (parameters.Length == 0 ? "nothing." : parameters + "."));
            var value = rel.Groups[1].Value.Trim();
            Expect.That(value.Length >= 2 && value[0] == '"' && value[^1] == '"',
                $"In the link {link} the relation type is not in quotes: write rel=\"{value.Trim('"')}\". RFC 8288 also accepts a bare " +
                "token, but this API's contract is the quoted form of the RFC's own examples (and of GitHub's API), which many clients' " +
                "parsers look for.");
        }
    }

    /// <summary>The host 08.3's requests come to; the scheme is https unless a case says otherwise.</summary>
    private const string LinkHost = "shop.example";

    private static void ExpectLinks(Func<HttpRequest, PageWindow, int, string> answer, string pathAndQuery, int offset, int limit, int total,
        params (string Rel, int Offset)[] expected) => ExpectLinks(answer, pathAndQuery, offset, limit, total, expected, pathBase: "");

    private static void ExpectLinks(Func<HttpRequest, PageWindow, int, string> answer, string pathAndQuery, int offset, int limit, int total,
        (string Rel, int Offset)[] expected, string pathBase, string scheme = "https", string host = LinkHost)
    {
        var linkOrigin = $"{scheme}://{host}";   // where the request came from: every link must start with it
        var context = new DefaultHttpContext();
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = "GET";
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        context.Request.Path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        context.Request.QueryString = question < 0 ? QueryString.Empty : new QueryString(pathAndQuery[question..]);
        var others = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(context.Request.QueryString.Value)
            .Where(p => !p.Key.Equals("offset", StringComparison.OrdinalIgnoreCase) && !p.Key.Equals("limit", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value);
        var requestLimit = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(context.Request.QueryString.Value)
            .TryGetValue("limit", out var asked) ? asked.ToString() : null;
        var header = answer(context.Request, new PageWindow(offset, limit, requestLimit is not null && requestLimit != limit.ToString(System.Globalization.CultureInfo.InvariantCulture)), total);
        var want = string.Join(", ", expected.Select(e => $"{e.Rel}→offset {e.Offset}"));
        Expect.That(!string.IsNullOrWhiteSpace(header), $"The header \"{header}\" has no links in the form <url>; rel=\"next\". Expected {want}.");
        ExpectLinkSyntax(header);
        var links = LinkHeader.Parse(header);
        Expect.That(links.Count > 0, $"The header \"{header}\" has no links in the form <url>; rel=\"next\". Expected {want}.");
        if ((long)offset + limit > int.MaxValue && links.FirstOrDefault(l => l.Rel == "next") is { } wrapped)
        {
            var nextQuestion = wrapped.Url.IndexOf('?', StringComparison.Ordinal);
            var nextOffset = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(nextQuestion < 0 ? "" : wrapped.Url[nextQuestion..])
                .TryGetValue("offset", out var wrappedOffset) ? wrappedOffset.ToString() : "(none)";
            Expect.That(false,
                $"For offset {offset}, limit {limit}, total {total} there is no next page, but the header has a next link with offset={nextOffset}: " +
                $"offset + limit is more than int.MaxValue, so window.Offset + window.Limit overflows (wraps to a negative number) and " +
                "\"< total\" holds. Ask window.Offset < total - window.Limit instead, which cannot overflow.");
        }
        var gotRels = links.Select(l => l.Rel).OrderBy(r => r, StringComparer.Ordinal).ToList();
        var wantRels = expected.Select(e => e.Rel).OrderBy(r => r, StringComparer.Ordinal).ToList();
        var extra = (gotRels.Contains("next") && !wantRels.Contains("next")
                ? $" There is no next page: rows {offset + 1}–{Math.Min((long)offset + limit, total)} are the last of {total}, so a next link leads to an empty page; send it only when window.Offset < total - window.Limit."
                : "") +
            (gotRels.Contains("prev") && !wantRels.Contains("prev") ? " There is nothing before offset 0, so no prev link." : "") +
            (gotRels.Contains("previous") ? " \"previous\" is a registered synonym, but the exercise (and most clients) use rel=\"prev\"." : "");
        Expect.That(gotRels.SequenceEqual(wantRels),
            $"For offset {offset}, limit {limit}, total {total} the links should be {string.Join(", ", wantRels)}, but were " +
            $"{string.Join(", ", gotRels)} (header: {header}).{extra}");
        foreach (var (rel, wantOffset) in expected)
        {
            var url = links.First(l => l.Rel == rel).Url;
            Expect.That(!url.Any(c => c is ' ' or '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`' || char.IsControl(c) || c > '~'),
                $"The {rel} link {url} is not a valid URL: a character in it (a space?) must be percent-encoded (red%20lamp). " +
                "LinkHeader.PageUrl encodes the parameters for you.");
            // "/products?…" is no absolute URL, although .NET on Unix reads it as file:///products: test the scheme by hand.
            Expect.That(url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
                $"The {rel} link {url} is relative. RFC 8288 would resolve it against the request's URL, but this API's contract is " +
                $"absolute URLs, {linkOrigin}{pathBase}{context.Request.Path.Value}?…, so that a client can follow a link it stored without " +
                "the request it came from: UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query).");
            Expect.That(url.StartsWith(linkOrigin + "/", StringComparison.OrdinalIgnoreCase) || new HostString(host).Port is null ||
                    !url.StartsWith($"{scheme}://{new HostString(host).Host}/", StringComparison.OrdinalIgnoreCase),
                $"The {rel} link {url} dropped the port: the request came to {linkOrigin}, and request.Host.Host is the name alone. Use " +
                "request.Host itself, name and port (UriHelper.BuildAbsolute takes it whole), or the client follows the link to another port.");
            Expect.That(url.StartsWith(linkOrigin + "/", StringComparison.OrdinalIgnoreCase),
                $"The {rel} link {url} does not start with {linkOrigin}, where the request came from: take the scheme and host from the " +
                "request (request.Scheme, request.Host), not from a constant — the same code runs on every host name the API is reached by.");
            var urlQuestion = url.IndexOf('?', StringComparison.Ordinal);
            var path = (urlQuestion < 0 ? url : url[..urlQuestion])[linkOrigin.Length..];
            Expect.That(pathBase.Length == 0 || path.StartsWith(pathBase + "/", StringComparison.Ordinal),
                $"The {rel} link {url} lost the path base {pathBase}: the app is mounted there (UsePathBase, or a reverse proxy), so " +
                "request.Path is only the part after it. Put request.PathBase before request.Path (UriHelper.BuildAbsolute does).");
            Expect.That(path == pathBase + context.Request.Path.Value,
                $"The {rel} link {url} does not point at {pathBase}{context.Request.Path.Value}, the path of the request: a page link keeps the " +
                "request's own path (request.PathBase + request.Path), whatever route the endpoint has — don't write the path by hand.");
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(urlQuestion < 0 ? "" : url[urlQuestion..]);
            var otherCase = pathAndQuery.Contains("Offset=", StringComparison.Ordinal) || pathAndQuery.Contains("LIMIT=", StringComparison.Ordinal);
            foreach (var name in new[] { "offset", "limit" })
            {
                Expect.That(!query.TryGetValue(name, out var repeated) || repeated.Count < 2,
                    $"The {rel} link {url} has {name} {repeated.Count} times: the request's {name} must be replaced, not followed by a second one " +
                    (otherCase
                        ? "(LinkHeader.PageUrl replaces it). Query parameter names are case-insensitive in ASP.NET Core: the request's Offset " +
                          "and LIMIT are the same parameters as offset and limit, so drop them with StringComparison.OrdinalIgnoreCase — " +
                          "else following the link answers 400 (\"Failed to bind parameter … from \"20,20\"\")."
                        : "(LinkHeader.PageUrl replaces it)."));
            }
            Expect.That(query.TryGetValue("offset", out var gotOffset) && gotOffset.ToString() == wantOffset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"The {rel} link {url} should have offset={wantOffset}.");
            var linkLimit = query.TryGetValue("limit", out var gotLimit) ? gotLimit.ToString() : null;
            Expect.That(linkLimit == limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"The {rel} link {url} should say limit={limit}, the size this page used (window.Limit), " + (linkLimit switch
                {
                    null => requestLimit is null
                        ? "but has no limit: the request had none (the endpoint used its default), so the link must set it — LinkHeader.PageUrl(request, (\"offset\", …), (\"limit\", window.Limit.ToString()))."
                        : "but has no limit.",
                    _ when linkLimit == requestLimit => $"but carries the request's limit={requestLimit}, which the endpoint clamped: set limit to window.Limit in every link, not the value the client asked for.",
                    _ => $"but says limit={linkLimit}: set it from window.Limit, not a constant.",
                }));
            foreach (var (name, value) in others)
            {
                Expect.That(query.TryGetValue(name, out var kept) && kept.ToString() == value.ToString(),
                    $"The {rel} link {url} lost the request's parameter {name}={value}: other parameters (a filter, a sort) must be kept.");
                Expect.That(kept.SequenceEqual(value),
                    $"The {rel} link {url} has {name} {kept.Count} time(s), the request {value.Count} times ({string.Join("&", value.Select(v => $"{name}={v}"))}): " +
                    "a repeated parameter must stay repeated, not be collapsed into one (StringValues.ToString() joins the values with commas). " +
                    "Add one pair per value: p.Value.Select(value => KeyValuePair.Create(p.Key, value)).");
            }
        }
    }

    /// <summary>
    /// An app running the learner's answer over a fresh catalogue, with the SQL its contexts send recorded: what 08.1
    /// uses. Pages are read as JSON in the shape the exercise asks for, or the case fails saying what came back.
    /// </summary>
    private abstract class CatalogAppFixture : IAsyncDisposable
    {
        protected CatalogAppFixture(CatalogDatabase database, RunningApp app, IReadOnlyList<ProductKey> keys, List<string> commands)
        {
            Database = database;
            App = app;
            KeysInOrder = keys;
            Commands = commands;
        }

        public RunningApp App { get; }

        /// <summary>The catalogue's rows in (CreatedAt, Id) order, before the check writes anything.</summary>
        public IReadOnlyList<ProductKey> KeysInOrder { get; }

        protected CatalogDatabase Database { get; }

        private List<string> Commands { get; }

        protected static async Task<T> StartAsync<T>(int rows, int seed, Action<IServiceCollection> services, Action<WebApplication> answer,
            Func<CatalogDatabase, RunningApp, IReadOnlyList<ProductKey>, List<string>, T> create, CancellationToken token)
        {
            var database = await Catalog.CreateAsync(rows, seed, token);
            try
            {
                var keys = new List<ProductKey>();
                await using (var command = database.Connection.CreateCommand())
                {
                    command.CommandText = "SELECT CreatedAt, Id FROM Products ORDER BY CreatedAt, Id";
                    await using var reader = await command.ExecuteReaderAsync(token);
                    while (await reader.ReadAsync(token))
                    {
                        keys.Add(new ProductKey(reader.GetInt64(0), reader.GetInt64(1)));
                    }
                }
                var commands = new List<string>();
                var options = new DbContextOptionsBuilder<CatalogDb>().UseSqlite(database.Connection)
                    .AddInterceptors(new CommandRecorder(commands)).Options;
                var app = await InMemoryServer.StartAsync(builder =>
                {
                    builder.Services.AddScoped(_ => new CatalogDb(options));
                    services(builder.Services);
                }, answer, "Production", token);
                return create(database, app, keys, commands);
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }

        /// <summary>
        /// Runs <paramref name="request"/> and expects every query of the Products table it sent that reads rows (an aggregate
        /// such as a COUNT for a total is allowed beside it) to be one ordered page: ORDER BY on <paramref name="order"/> and
        /// LIMIT in the SQL (SQLite may return index order without ORDER BY, so the rows alone cannot tell).
        /// </summary>
        /// <param name="request">Sends the page request.</param>
        /// <param name="order">The columns the ORDER BY must start with, in order.</param>
        /// <param name="withoutOrderBy">The message when a query has no ORDER BY.</param>
        /// <param name="wrongOrder">The message when it orders by other columns, given the columns it orders by.</param>
        /// <param name="withoutLimit">The message when a query has no LIMIT.</param>
        public async Task ExpectOnePageQueryAsync(Func<Task> request, IReadOnlyList<string> order, string withoutOrderBy,
            Func<IReadOnlyList<string>, string> wrongOrder, string withoutLimit)
        {
            lock (Commands)
            {
                Commands.Clear();
            }
            await request();
            List<string> reads;
            lock (Commands)
            {
                reads = [.. Commands.Where(c => c.Contains("\"Products\"", StringComparison.Ordinal) && !Aggregate().IsMatch(c))];
            }
            Expect.That(reads.Count > 0, "No query that reads rows of the Products table was sent to the database: query CatalogDb.Products.");
            foreach (var sql in reads)
            {
                Expect.That(!sql.Contains(QueryablePaging.KeysetQueryTag, StringComparison.Ordinal),
                    "The page comes from the course library's ToKeysetPageAsync: this exercise asks you to write the query yourself — the " +
                    "Where after the cursor's (CreatedAt, Id), the OrderBy/ThenBy and the Take.");
                Expect.That(!Regex.IsMatch(sql, @"\bOFFSET\b", RegexOptions.IgnoreCase),
                    "The page query has an OFFSET: it counts or skips the rows before the cursor, so it still walks every one of them, " +
                    "however the position is worked out. Keyset seeks instead: Where the rows come after the cursor's (CreatedAt, Id), " +
                    "then OrderBy, ThenBy and Take — no Skip.");
                Expect.That(sql.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase), withoutOrderBy);
                var columns = OrderByColumns(sql);
                Expect.That(columns.Count >= order.Count && columns.Take(order.Count).SequenceEqual(order, StringComparer.OrdinalIgnoreCase), wrongOrder(columns));
                Expect.That(sql.Contains("LIMIT", StringComparison.OrdinalIgnoreCase), withoutLimit);
            }
        }

        /// <summary>
        /// Runs <paramref name="request"/> and expects every query of the Products table it sent that reads rows to ask the
        /// database for at most <paramref name="max"/> rows (its LIMIT): a clamp applied to the list after the query protects nothing.
        /// </summary>
        public async Task ExpectLimitAtMostAsync(Func<Task> request, long max, Func<long, string> tooMany)
        {
            lock (Commands)
            {
                Commands.Clear();
            }
            await request();
            List<string> reads;
            lock (Commands)
            {
                reads = [.. Commands.Where(c => c.Contains("\"Products\"", StringComparison.Ordinal) && !Aggregate().IsMatch(c))];
            }
            foreach (var sql in reads)
            {
                var limit = LimitValue().Matches(sql).LastOrDefault();
                if (limit is not null && long.TryParse(limit.Groups[1].Value, out var rows))
                {
                    Expect.That(rows <= max, tooMany(rows));
                }
            }
        }

        /// <summary>The columns of the query's last ORDER BY, in order: <c>ORDER BY "p"."CreatedAt", "p"."Id" LIMIT …</c> gives CreatedAt, Id.</summary>
        private static List<string> OrderByColumns(string sql)
        {
            var start = sql.LastIndexOf("ORDER BY", StringComparison.OrdinalIgnoreCase) + "ORDER BY".Length;
            var end = sql.IndexOf("LIMIT", start, StringComparison.OrdinalIgnoreCase);
            var clause = sql[start..(end < 0 ? sql.Length : end)];
            return [.. clause.Split(',').Select(term => OrderTerm().Match(term)).Select(m => m.Success ? m.Groups[1].Value : "(an expression)")];
        }

        /// <summary>GET <paramref name="path"/>: a 200 whose JSON <paramref name="read"/> understands, else the case fails.</summary>
        protected async Task<T> GetJsonAsync<T>(string path, string shape, Func<JsonElement, T?> read, CancellationToken token) where T : class
        {
            var exchange = await App.GetAsync(path, token);
            Expect.That(exchange.Status == 200,
                $"GET {path} should answer 200 OK, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                (exchange.Body.Length == 0 ? "." : $" (body: {ShowBody(exchange.Body)})."));
            try
            {
                using var document = JsonDocument.Parse(exchange.Body);
                if (document.RootElement.ValueKind == JsonValueKind.Object && read(document.RootElement) is { } body)
                {
                    return body;
                }
            }
            catch (Exception error) when (error is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
            }
            throw new CheckFailedException($"GET {path} should answer {shape}, but sent {ShowBody(exchange.Body)}.");
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private sealed class CommandRecorder(List<string> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (commands)
            {
                commands.Add(WithLimitValue(command));
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            lock (commands)
            {
                commands.Add(WithLimitValue(command));
            }
            return base.ReaderExecuting(command, eventData, result);
        }

        /// <summary>The command's text with its LIMIT's parameter replaced by the value sent: <c>LIMIT @__p_0</c> → <c>LIMIT 21</c>.</summary>
        private static string WithLimitValue(DbCommand command) =>
            LimitParameter().Replace(command.CommandText, match =>
                command.Parameters.Contains(match.Groups[1].Value) && command.Parameters[match.Groups[1].Value].Value is { } value and not DBNull
                    ? "LIMIT " + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
                    : match.Value);
    }

    private readonly record struct ProductKey(long CreatedAt, long Id) : IComparable<ProductKey>
    {
        public int CompareTo(ProductKey other) => CreatedAt != other.CreatedAt ? CreatedAt.CompareTo(other.CreatedAt) : Id.CompareTo(other.Id);
    }

    private sealed record KeysetBody(IReadOnlyList<ProductKey> Items, string? Next);

    /// <summary>An app for 08.1 over a 150-row catalogue (with duplicate CreatedAt values) and a cursor codec.</summary>
    private sealed class KeysetFixture(CatalogDatabase database, RunningApp app, IReadOnlyList<ProductKey> keys, List<string> commands, CursorCodec codec)
        : CatalogAppFixture(database, app, keys, commands)
    {
        private long _inserted;

        public CursorCodec Codec { get; } = codec;

        public static Task<KeysetFixture> StartAsync(Action<WebApplication> answer, CancellationToken token)
        {
            var codec = CursorCodec.CreateRandom();
            return StartAsync(rows: 150, seed: 83, services => services.AddSingleton(codec), answer,
                (d, a, k, c) => new KeysetFixture(d, a, k, c, codec), token);
        }

        public async Task<KeysetBody> GetPageAsync(string path, CancellationToken token)
        {
            var page = await GetJsonAsync(path, "{\"items\": [products], \"next\": \"cursor\" or null}", root =>
                root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array &&
                root.TryGetProperty("next", out var next) && next.ValueKind is JsonValueKind.String or JsonValueKind.Null
                    ? new KeysetBody(
                        [.. items.EnumerateArray().Select(i => new ProductKey(i.GetProperty("createdAt").GetInt64(), i.GetProperty("id").GetInt64()))],
                        next.ValueKind == JsonValueKind.String ? next.GetString() : null)
                    : null, token);
            Expect.That(page.Next is null || !(page.Next.StartsWith('/') || page.Next.Contains("://", StringComparison.Ordinal) ||
                    page.Next.Contains("cursor=", StringComparison.Ordinal)),
                $"GET {path} answered \"next\": \"{page.Next}\", a URL. The exercise's envelope carries the bare cursor, which the client " +
                "sends back as ?cursor= (section 6's demo sends URLs instead; an API picks one shape and keeps it): " +
                "next = codec.Encode(new KeysetPosition<long>(last.CreatedAt, last.Id), PageDirection.Next).");
            return page;
        }

        /// <summary>
        /// A next cursor that verifies must name the page's last row: one that holds anything else (the first row, a count of
        /// rows) starts the next page in the wrong place. A cursor that does not verify is another case's business.
        /// </summary>
        public void ExpectCursorAtLastRow(KeysetBody page)
        {
            if (page.Items.Count == 0 || !Codec.TryDecode<long>(page.Next, out var position, out _))
            {
                return;
            }
            var last = page.Items[^1];
            Expect.That(position == new KeysetPosition<long>(last.CreatedAt, last.Id),
                $"The cursor holds ({position.Key}, {position.Id}), but the page's last row is ({last.CreatedAt}, {last.Id}): the next page " +
                "must start right after the last row sent, so the cursor is that row's (CreatedAt, Id) — a position in the list, not a " +
                "count of rows (which shifts when rows are inserted before it) nor another row of the page.");
        }

        public async Task<List<ProductKey>> WalkAsync(int limit, CancellationToken token) =>
            [.. (await WalkPagesAsync(limit, token)).SelectMany(page => page.Items)];

        /// <summary>Follows the next cursors from the first page until one is null; the pages in the order they came.</summary>
        public async Task<List<KeysetBody>> WalkPagesAsync(int limit, CancellationToken token)
        {
            var pages = new List<KeysetBody>();
            string? cursor = null;
            for (var request = 0; request < 500; request++)
            {
                var page = await GetPageAsync(cursor is null ? $"/products?limit={limit}" : $"/products?limit={limit}&cursor={Uri.EscapeDataString(cursor)}", token);
                pages.Add(page);
                if (page.Next is null)
                {
                    return pages;
                }
                Expect.That(page.Next != cursor, "The next cursor is the same as the one just used: the walk would never end.");
                cursor = page.Next;
            }
            throw new CheckFailedException("500 pages and still a next cursor: the walk does not end.");
        }

        /// <summary>Inserts one row before every original row and one after them all, as another client would.</summary>
        public async Task InsertEarlyAndLateAsync(CancellationToken token)
        {
            var first = KeysInOrder[0].CreatedAt;
            var last = KeysInOrder[^1].CreatedAt;
            _inserted++;
            // Plain SQL, not SaveChanges: the check's own writes should not pay EF Core's first-use cost of its update pipeline.
            await using var command = Database.Connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Products (Name, Category, Price, CreatedAt) VALUES ($early, 'new', 1, $before), ($late, 'new', 1, $after)
                """;
            command.Parameters.AddWithValue("$early", $"early {_inserted}");
            command.Parameters.AddWithValue("$late", $"late {_inserted}");
            command.Parameters.AddWithValue("$before", first - 1_000 * _inserted);
            command.Parameters.AddWithValue("$after", last + 1_000 * _inserted);
            await command.ExecuteNonQueryAsync(token);
        }

    }

    /// <summary>A 3,000-row catalogue with the learner's CREATE INDEX applied, for 08.2.</summary>
    private sealed class IndexFixture : IAsyncDisposable
    {
        private readonly CatalogDatabase _database;
        private readonly IReadOnlyList<long> _before;

        private IndexFixture(CatalogDatabase database, IReadOnlyList<long> before)
        {
            _database = database;
            _before = before;
        }

        public static async Task<IndexFixture> CreateWithAsync(Func<string> answer, CancellationToken token)
        {
            var database = await Catalog.CreateAsync(rows: 3_000, seed: 84, token);
            try
            {
                var before = await PageIdsAsync(database.Connection, token);
                var sql = answer();
                Expect.That(!string.IsNullOrWhiteSpace(sql), "The statement is empty: return a CREATE INDEX statement.");
                Expect.That(sql.TrimStart().StartsWith("CREATE", StringComparison.OrdinalIgnoreCase) &&
                    sql.Contains("INDEX", StringComparison.OrdinalIgnoreCase),
                    $"\"{sql}\" is not a CREATE INDEX statement.");
                try
                {
                    await using var command = database.Connection.CreateCommand();
                    command.CommandText = sql;
                    await command.ExecuteNonQueryAsync(token);
                }
                catch (SqliteException error)
                {
                    throw new CheckFailedException($"SQLite refused \"{sql}\": {error.Message}");
                }
                return new IndexFixture(database, before);
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }

        public async Task<IReadOnlyList<string>> IndexesAsync(CancellationToken token)
        {
            await using var command = _database.Connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Products' AND name <> 'IX_Products_CreatedAt_Id' AND sql IS NOT NULL";
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                names.Add(reader.GetString(0));
            }
            return names;
        }

        public Task<IReadOnlyList<string>> PlanAsync(CancellationToken token) => PlanAsync(CategoryQuery, token);

        public Task<IReadOnlyList<string>> PlanAsync(string query, CancellationToken token) => _database.ExplainQueryPlanAsync(query, token);

        public async Task ExpectSameRowsAsync(CancellationToken token)
        {
            var after = await PageIdsAsync(_database.Connection, token);
            Expect.That(after.Count == 20 && after.SequenceEqual(_before),
                "With your index the query returns different rows than without it: an index must not change a query's result.");
        }

        private static async Task<IReadOnlyList<long>> PageIdsAsync(SqliteConnection connection, CancellationToken token)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = CategoryQuery;
            var ids = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                ids.Add(reader.GetInt64(0));
            }
            return ids;
        }

        public ValueTask DisposeAsync() => _database.DisposeAsync();
    }
}
