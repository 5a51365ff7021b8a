using System.Globalization;
using Course.Exercises;
using Course.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Course.Lib.Tests.Exercises;

public class PaginationExercisesTests
{
    // 08.1 — page/size endpoint

    private static Action<WebApplication> PageSize(bool order = true, bool clamp = true, bool zeroBased = false, bool overflowGuard = true) => app =>
        app.MapGet("/products", async ([AsParameters] PageQuery query, CatalogDb db, CancellationToken token) =>
        {
            var page = query.Page ?? 1;
            var size = query.Size ?? 10;
            if (clamp)
            {
                size = Math.Min(size, 50);
            }
            var errors = new Dictionary<string, string[]>();
            if (page < 1)
            {
                errors["page"] = ["page must be 1 or more."];
            }
            if (size < 1)
            {
                errors["size"] = ["size must be 1 or more."];
            }
            if (overflowGuard && errors.Count == 0 && (long)(page - 1) * size > int.MaxValue)
            {
                errors["page"] = ["page is too large."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            IQueryable<Product> rows = order ? db.Products.OrderBy(p => p.Id) : db.Products;
            var items = await rows.Skip((zeroBased ? page : page - 1) * size).Take(size).ToListAsync(token);
            return Results.Ok(new { page, size, items });
        });

    [Fact]
    public void PageSize_UntouchedStarter_IsNotAttempted()
    {
        var result = PaginationExercises.PageSizeEndpoint.Check(_ => throw new NotImplementedException());
        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void PageSize_Reference_Passes()
    {
        var result = PaginationExercises.PageSizeEndpoint.Check(PageSize());
        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void PageSize_WithoutOrderBy_FailsOnlyTheSqlCase()
    {
        var result = PaginationExercises.PageSizeEndpoint.Check(PageSize(order: false));
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.All(result.Cases.Take(5), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Contains("no ORDER BY", result.Cases[5].Message);
    }

    [Fact]
    public void PageSize_WithoutClamp_Fails()
    {
        var result = PaginationExercises.PageSizeEndpoint.Check(PageSize(clamp: false));
        Assert.Equal(CaseOutcome.Failed, result.Cases[4].Outcome);
    }

    [Fact]
    public void PageSize_PagesFromZero_Fails()
    {
        var result = PaginationExercises.PageSizeEndpoint.Check(PageSize(zeroBased: true));
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
    }

    [Fact]
    public void PageSize_OverflowingOffset_Fails()
    {
        var result = PaginationExercises.PageSizeEndpoint.Check(PageSize(overflowGuard: false));
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.All(result.Cases.Take(6), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Equal(CaseOutcome.Failed, result.Cases[6].Outcome);
    }

    // 08.2 — Link header

    private static string Links(HttpRequest request, PageWindow window, int total) => Links(request, window, total, always: false, keepOthers: true);

    private static string Links(HttpRequest request, PageWindow window, int total, bool always, bool keepOthers)
    {
        string Url(int offset) => keepOthers
            ? LinkHeader.PageUrl(request, ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", window.Limit.ToString(CultureInfo.InvariantCulture)))
            : $"{request.Path}?offset={offset}&limit={window.Limit}";
        var links = new List<WebLink> { new(Url(0), "first") };
        if (always || window.Offset > 0)
        {
            links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"));
        }
        if (always || window.Offset + window.Limit < total)
        {
            links.Add(new(Url(window.Offset + window.Limit), "next"));
        }
        links.Add(new(Url(Math.Max(0, (total - 1) / window.Limit * window.Limit)), "last"));
        return LinkHeader.Format(links);
    }

    [Fact]
    public void Links_UntouchedStarter_IsNotAttempted()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((_, _, _) => throw new NotImplementedException());
        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Links_Reference_Passes()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check(Links);
        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void Links_AlwaysAllFour_FailsFirstAndLastPage()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => Links(r, w, t, always: true, keepOthers: true));
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
    }

    [Fact]
    public void Links_DroppingOtherParameters_Fails()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => Links(r, w, t, always: false, keepOthers: false));
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("lost the request's parameter", result.Cases[5].Message);
    }

    [Fact]
    public void Links_LastAtTotal_Fails()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((request, window, total) =>
        {
            string Url(int offset) => LinkHeader.PageUrl(request, ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", window.Limit.ToString(CultureInfo.InvariantCulture)));
            var links = new List<WebLink> { new(Url(0), "first") };
            if (window.Offset > 0)
            {
                links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"));
            }
            if (window.Offset + window.Limit < total)
            {
                links.Add(new(Url(window.Offset + window.Limit), "next"));
            }
            links.Add(new(Url(total / window.Limit * window.Limit), "last"));
            return LinkHeader.Format(links);
        });
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
    }

    [Fact]
    public void Links_LastByCeiling_FailsOnAnEmptyResult()
    {
        // (ceil(total / limit) − 1) · limit is right for 95 and 100 rows, but −20 for 0 rows.
        var result = PaginationExercises.LinkHeaderExercise.Check((request, window, total) =>
        {
            string Url(int offset) => LinkHeader.PageUrl(request, ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", window.Limit.ToString(CultureInfo.InvariantCulture)));
            var links = new List<WebLink> { new(Url(0), "first") };
            if (window.Offset > 0)
            {
                links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"));
            }
            if (window.Offset + window.Limit < total)
            {
                links.Add(new(Url(window.Offset + window.Limit), "next"));
            }
            links.Add(new(Url(((int)Math.Ceiling(total / (double)window.Limit) - 1) * window.Limit), "last"));
            return LinkHeader.Format(links);
        });
        Assert.All(result.Cases.Take(6), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Equal(CaseOutcome.Failed, result.Cases[6].Outcome);
    }

    // 08.3 — keyset endpoint

    private enum KeysetFlaw { None, KeyOnly, Offset, Unsigned, UnsignedJson, NoOrderBy }

    private static Action<WebApplication> Keyset(KeysetFlaw flaw = KeysetFlaw.None) => app =>
        app.MapGet("/products", async ([AsParameters] CursorQuery query, CatalogDb db, CursorCodec codec, CancellationToken token) =>
        {
            var size = Math.Min(query.Limit ?? 20, 100);
            if (size < 1)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 or more."] });
            }
            var bad = Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid."] });
            if (flaw == KeysetFlaw.Offset)
            {
                var offset = 0;
                if (query.Cursor is not null && !int.TryParse(query.Cursor, out offset))
                {
                    return bad;
                }
                var rows = await db.Products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(offset).Take(size + 1).ToListAsync(token);
                return Results.Ok(new { items = rows.Take(size), next = rows.Count > size ? (offset + size).ToString(CultureInfo.InvariantCulture) : null });
            }
            KeysetPosition<long>? after = null;
            if (query.Cursor is not null)
            {
                if (flaw == KeysetFlaw.Unsigned)
                {
                    var parts = query.Cursor.Split('_');
                    if (parts.Length != 2 || !long.TryParse(parts[0], out var k) || !long.TryParse(parts[1], out var i))
                    {
                        return bad;
                    }
                    after = new KeysetPosition<long>(k, i);
                }
                else if (flaw == KeysetFlaw.UnsignedJson)
                {
                    try
                    {
                        var json = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(query.Cursor));
                        using var document = System.Text.Json.JsonDocument.Parse(json);
                        after = new KeysetPosition<long>(document.RootElement.GetProperty("k").GetInt64(), document.RootElement.GetProperty("i").GetInt64());
                    }
                    catch (Exception error) when (error is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
                    {
                        return bad;
                    }
                }
                else if (!codec.TryDecode<long>(query.Cursor, out var position, out _))
                {
                    return bad;
                }
                else
                {
                    after = position;
                }
            }
            List<Product> items;
            bool hasNext;
            if (flaw == KeysetFlaw.KeyOnly)
            {
                var k = after?.Key ?? long.MinValue;
                var rows = await db.Products.Where(p => p.CreatedAt > k).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(size + 1).ToListAsync(token);
                items = [.. rows.Take(size)];
                hasNext = rows.Count > size;
            }
            else if (flaw == KeysetFlaw.NoOrderBy)
            {
                var k = after?.Key ?? long.MinValue;
                var i = after?.Id ?? long.MinValue;
                var rows = await db.Products.Where(p => p.CreatedAt > k || (p.CreatedAt == k && p.Id > i)).Take(size + 1).ToListAsync(token);
                items = [.. rows.Take(size)];
                hasNext = rows.Count > size;
            }
            else
            {
                var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, after, PageDirection.Next, size, token);
                items = [.. page.Items];
                hasNext = page.HasNext;
            }
            var last = items.Count > 0 ? items[^1] : null;
            string? next = null;
            if (hasNext && last is not null)
            {
                next = flaw == KeysetFlaw.Unsigned
                    ? $"{last.CreatedAt}_{last.Id}"
                    : flaw == KeysetFlaw.UnsignedJson
                    ? Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"{{\"k\":{last.CreatedAt},\"i\":{last.Id}}}"))
                    : codec.Encode(new KeysetPosition<long>(last.CreatedAt, last.Id), PageDirection.Next);
            }
            return Results.Ok(new { items, next });
        });

    [Fact]
    public void Keyset_UntouchedStarter_IsNotAttempted()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(_ => throw new NotImplementedException());
        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Keyset_Reference_Passes()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset());
        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void Keyset_OnCreatedAtAlone_LosesRows()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.KeyOnly));
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("never came", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
    }

    [Fact]
    public void Keyset_OffsetInDisguise_RepeatsRowsAndIsForgeable()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.Offset));
        Assert.Contains("came twice", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
    }

    [Fact]
    public void Keyset_UnsignedCursor_FailsTheTamperCase()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.Unsigned));
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
    }

    [Fact]
    public void Keyset_UnsignedJsonCursor_Fails()
    {
        // base64url JSON, validated on the way in: tampering breaks its format, so only the signature case can tell.
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.UnsignedJson));
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[5].Outcome);
        Assert.Contains("does not verify", result.Cases[5].Message);
    }

    [Fact]
    public void Keyset_WithoutOrderBy_Fails()
    {
        // SQLite happens to read the range through IX_Products_CreatedAt_Id in order, so only the SQL case can tell.
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.NoOrderBy));
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[6].Outcome);
        Assert.Contains("no ORDER BY", result.Cases[6].Message);
    }

    // 08.4 — choose the index

    [Fact]
    public void Index_UntouchedStarter_IsNotAttempted()
    {
        var result = PaginationExercises.ChooseIndex.Check(() => throw new NotImplementedException());
        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Theory]
    [InlineData("CREATE INDEX IX_Products_Category_Price ON Products (Category, Price)")]
    [InlineData("CREATE INDEX ix ON Products (Category, Price, Id)")]
    public void Index_Reference_Passes(string sql)
    {
        var result = PaginationExercises.ChooseIndex.Check(() => sql);
        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void Index_CategoryOnly_StillSorts()
    {
        var result = PaginationExercises.ChooseIndex.Check(() => "CREATE INDEX ix ON Products (Category)");
        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("TEMP B-TREE", result.Cases[2].Message);
    }

    [Fact]
    public void Index_WrongColumnOrder_Fails()
    {
        var result = PaginationExercises.ChooseIndex.Check(() => "CREATE INDEX ix ON Products (Price, Category)");
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
    }

    [Fact]
    public void Index_PartialForKitchenOnly_Fails()
    {
        var result = PaginationExercises.ChooseIndex.Check(() => "CREATE INDEX ix ON Products (Category, Price) WHERE Category = 'kitchen'");
        Assert.All(result.Cases.Take(4), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Equal(CaseOutcome.Failed, result.Cases[4].Outcome);
    }

    [Fact]
    public void Index_NotSql_FailsWithAMessage()
    {
        var result = PaginationExercises.ChooseIndex.Check(() => "CREATE INDEX oops ON Nowhere (x)");
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("SQLite refused", result.Cases[0].Message);
    }
}
