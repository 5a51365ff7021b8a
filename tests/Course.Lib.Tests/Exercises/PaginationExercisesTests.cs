using System.Globalization;
using Course.Exercises;
using Course.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Course.Lib.Tests.Exercises;

public class PaginationExercisesTests
{
    // 08.3 — Link header

    private static string Links(HttpRequest request, PageWindow window, int total) => Links(request, window, total, always: false, keepOthers: true);

    /// <summary>The request's scheme and host: 08.3's links are absolute.</summary>
    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static string Links(HttpRequest request, PageWindow window, int total, bool always, bool keepOthers)
    {
        string Url(int offset) => Origin(request) + (keepOthers
            ? LinkHeader.PageUrl(request, ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", window.Limit.ToString(CultureInfo.InvariantCulture)))
            : $"{request.PathBase}{request.Path}?offset={offset}&limit={window.Limit}");
        var links = new List<WebLink> { new(Url(0), "first") };
        if (always || window.Offset > 0)
        {
            links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"));
        }
        if (always || window.Offset < total - window.Limit) // not Offset + Limit < total, which overflows near int.MaxValue
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

    // The usual answer, with next asked as offset + limit < total (which overflows near int.MaxValue) and last given.
    private static string UnguardedLinks(HttpRequest request, PageWindow window, int total, int lastOffset)
    {
        string Url(int offset) => Origin(request) + LinkHeader.PageUrl(request, ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", window.Limit.ToString(CultureInfo.InvariantCulture)));
        var links = new List<WebLink> { new(Url(0), "first") };
        if (window.Offset > 0)
        {
            links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"));
        }
        if (window.Offset + window.Limit < total)
        {
            links.Add(new(Url(window.Offset + window.Limit), "next"));
        }
        links.Add(new(Url(lastOffset), "last"));
        return LinkHeader.Format(links);
    }

    [Fact]
    public void Links_NextOffsetThatOverflows_FailsNamingTheOverflow()
    {
        // offset=2147483647 is a valid window; offset + limit wraps to -2147483629, and the next link pointed there.
        var result = PaginationExercises.LinkHeaderExercise.Check((request, window, total) =>
            UnguardedLinks(request, window, total, lastOffset: Math.Max(0, (total - 1) / window.Limit * window.Limit)));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        var overflow = Assert.Single(result.Cases, c => c.Outcome == CaseOutcome.Failed);
        Assert.Contains("offset=-2147483629", overflow.Message, StringComparison.Ordinal);
        Assert.Contains("overflow", overflow.Message, StringComparison.Ordinal);
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
    public void Links_PortDropped_FailsOnlyThePortCase()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => Links(r, w, t).Replace("://" + r.Host, "://" + r.Host.Host, StringComparison.Ordinal));
        Assert.All(result.Cases.Where(c => c != result.Cases[12]), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Contains("dropped the port", result.Cases[12].Message);
    }

    [Fact]
    public void Links_RepeatedParameterCollapsed_FailsOnlyTheRepeatedCase()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => Links(r, w, t).Replace("tag=red&tag=blue", "tag=red%2Cblue", StringComparison.Ordinal));
        Assert.All(result.Cases.Where(c => c != result.Cases[14]), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Contains("a repeated parameter must stay repeated", result.Cases[14].Message);
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
            UnguardedLinks(request, window, total, lastOffset: total / window.Limit * window.Limit));
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
    }

    [Fact]
    public void Links_LastByCeiling_FailsOnAnEmptyResult()
    {
        // (ceil(total / limit) − 1) · limit is right for 95 and 100 rows, but −20 for 0 rows.
        var result = PaginationExercises.LinkHeaderExercise.Check((request, window, total) =>
            UnguardedLinks(request, window, total, lastOffset: ((int)Math.Ceiling(total / (double)window.Limit) - 1) * window.Limit));
        Assert.All(result.Cases.Take(6), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Equal(CaseOutcome.Failed, result.Cases[6].Outcome);
    }

    /// <summary>The reference with one thing changed: the rel of the previous page, or how a URL is written.</summary>
    private static string LinksWith(HttpRequest request, PageWindow window, int total, string prevRel = "prev", Func<int, string>? url = null,
        bool floorPrev = true, string? origin = null, Func<string, string, string>? link = null, bool nextOnLastPage = false)
    {
        string Url(int offset) => (origin ?? Origin(request)) + (url?.Invoke(offset)
            ?? LinkHeader.PageUrl(request, ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", window.Limit.ToString(CultureInfo.InvariantCulture))));
        string Link(int offset, string rel) => link?.Invoke(Url(offset), rel) ?? $"<{Url(offset)}>; rel=\"{rel}\"";
        var links = new List<string> { Link(0, "first") };
        if (window.Offset > 0)
        {
            links.Add(Link(floorPrev ? Math.Max(0, window.Offset - window.Limit) : window.Offset - window.Limit, prevRel));
        }
        if (nextOnLastPage ? window.Offset + window.Limit <= total : window.Offset + window.Limit < total)
        {
            links.Add(Link(window.Offset + window.Limit, "next"));
        }
        links.Add(Link(Math.Max(0, (total - 1) / window.Limit * window.Limit), "last"));
        return string.Join(", ", links);
    }

    [Fact]
    public void Links_RelPrevious_FailsNamingTheSynonym()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, prevRel: "previous"));
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("registered synonym", result.Cases[0].Message);
    }

    [Fact]
    public void Links_PrevBelowZero_Fails()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, floorPrev: false));
        Assert.Equal(CaseOutcome.Failed, result.Cases[4].Outcome);
        Assert.Contains("should have offset=0", result.Cases[4].Message);
    }

    [Fact]
    public void Links_UnencodedParameters_FailTheParametersCase()
    {
        // Written by hand with the decoded values: "red lamp" lands in the URL with a raw space.
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, url: offset =>
            $"{r.Path}?{string.Join("&", r.Query.Where(p => p.Key is not ("offset" or "limit")).Select(p => $"{p.Key}={p.Value}").Append($"offset={offset}").Append($"limit={w.Limit}"))}"));
        Assert.All(result.Cases.Take(5), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Equal(CaseOutcome.Failed, result.Cases[5].Outcome);
        Assert.Contains("must be percent-encoded", result.Cases[5].Message);
    }

    [Fact]
    public void Links_OffsetAppendedToTheQuery_FailsSayingItIsThereTwice()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, url: offset =>
            r.Path + (r.QueryString.HasValue ? r.QueryString + "&" : "?") + $"offset={offset}&limit={w.Limit}"));
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("has offset 2 times", result.Cases[0].Message);
    }

    [Fact]
    public void Links_LimitLeftToTheRequest_FailsTheClampedAndDefaultLimits()
    {
        // Only the offset is replaced: the request's limit (1000, clamped to 100 by the endpoint) or its absence goes through.
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, url: offset =>
            LinkHeader.PageUrl(r, ("offset", offset.ToString(CultureInfo.InvariantCulture)))));
        Assert.All(result.Cases.Take(7), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Contains("carries the request's limit=1000", result.Cases[7].Message);
        Assert.Contains("has no limit", result.Cases[8].Message);
    }

    [Fact]
    public void Links_ConstantLimit_FailsTheClampedLimit()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, url: offset =>
            LinkHeader.PageUrl(r, ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", "20"))));
        Assert.All(result.Cases.Take(7), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Contains("not a constant", result.Cases[7].Message);
    }

    [Fact]
    public void Links_HardCodedPath_FailsOnAnotherRoute()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, url: offset =>
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/products",
                r.Query.Where(p => p.Key is not ("offset" or "limit")).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()))
                    .Append(new("offset", offset.ToString(CultureInfo.InvariantCulture))).Append(new("limit", w.Limit.ToString(CultureInfo.InvariantCulture))))));
        Assert.All(result.Cases.Take(8), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Contains("does not point at /catalog/lamps", result.Cases[8].Message);
    }

    [Fact]
    public void Links_EmptyHeader_Fails()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((_, _, _) => "");
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
        Assert.Contains("has no links", result.Cases[0].Message);
    }

    [Fact]
    public void Links_RelWithoutQuotes_FailsNamingTheQuotes()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, link: (url, rel) => $"<{url}>; rel={rel}"));
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
        Assert.Contains("not in quotes: write rel=\"first\"", result.Cases[0].Message);
    }

    [Fact]
    public void Links_UrlWithoutAngleBrackets_FailsNamingTheBrackets()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, link: (url, rel) => $"{url}; rel=\"{rel}\""));
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
        Assert.Contains("not between angle brackets", result.Cases[0].Message);
    }

    [Fact]
    public void Links_RelativeUrls_FailNamingTheAbsoluteContract()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, origin: ""));
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
        Assert.Contains("is relative", result.Cases[0].Message);
        Assert.Contains("https://shop.example/products?", result.Cases[0].Message);
    }

    [Fact]
    public void Links_HardCodedOrigin_Fails()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, origin: "http://localhost"));
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("not from a constant", result.Cases[0].Message);
    }

    [Fact]
    public void Links_HardCodedHttps_FailsOnlyThePlainHttpCase()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, origin: "https://" + r.Host));
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[11].Outcome);
        Assert.Contains("does not start with http://shop.example", result.Cases[11].Message);
        Assert.All(result.Cases.Take(9).Append(result.Cases[10]), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));   // case 9: LinksWith adds offset + limit unguarded
    }

    [Fact]
    public void Links_PathBaseLost_FailsOnlyTheMountedCase()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, url: offset =>
            r.Path + QueryString.Create(r.Query.Where(p => p.Key is not ("offset" or "limit")).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))
                .Append(KeyValuePair.Create("offset", (string?)offset.ToString(CultureInfo.InvariantCulture)))
                .Append(KeyValuePair.Create("limit", (string?)w.Limit.ToString(CultureInfo.InvariantCulture)))).ToUriComponent()));
        Assert.All(result.Cases.Take(9), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));   // case 9: LinksWith adds offset + limit unguarded
        Assert.Contains("lost the path base /api", result.Cases[10].Message);
    }

    [Fact]
    public void Links_NextOnTheLastPage_FailsSayingThereIsNoNextPage()
    {
        var result = PaginationExercises.LinkHeaderExercise.Check((r, w, t) => LinksWith(r, w, t, nextOnLastPage: true));
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
        Assert.Contains("There is no next page: rows 81–100 are the last of 100", result.Cases[3].Message);
    }

    // 08.1 — keyset endpoint

    [Fact]
    public void Keyset_NextAsAUrl_FailsSayingTheEnvelopeCarriesTheBareCursor()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(app =>
            app.MapGet("/products", async ([AsParameters] CursorQuery query, CatalogDb db, CursorCodec codec, CancellationToken token) =>
            {
                var size = Math.Min(query.Limit ?? 20, 100);
                if (size < 1)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 or more."] });
                }
                KeysetPosition<long>? after = null;
                if (query.Cursor is not null)
                {
                    if (!codec.TryDecode<long>(query.Cursor, out var position, out _))
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid."] });
                    }
                    after = position;
                }
                var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, after, PageDirection.Next, size, token);
                var next = page.HasNext
                    ? "/products?cursor=" + Uri.EscapeDataString(codec.Encode(new KeysetPosition<long>(page.Items[^1].CreatedAt, page.Items[^1].Id), PageDirection.Next))
                    : null;
                return Results.Ok(new { items = page.Items, next });
            }));
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("a URL. The exercise's envelope carries the bare cursor", result.Cases[0].Message);
    }

    public enum KeysetFlaw
    {
        None, KeyOnly, Offset, Unsigned, UnsignedJson, NoOrderBy, OrderByCreatedAtOnly, FullPageMeansNext, NoClamp, FirstRowCursor,
        SignedOffset, NotVerified, WithTotal, GreaterOrEqual, AndInsteadOfOr, ClampAfterQuery, ClampAfterExtraRow, LimitZeroOnly,
        LibraryPage, CountedOffset,
    }

    private static Action<WebApplication> Keyset(KeysetFlaw flaw = KeysetFlaw.None) => app =>
        app.MapGet("/products", async ([AsParameters] CursorQuery query, CatalogDb db, CursorCodec codec, CancellationToken token) =>
        {
            var size = flaw is KeysetFlaw.NoClamp or KeysetFlaw.ClampAfterQuery or KeysetFlaw.ClampAfterExtraRow ? query.Limit ?? 20 : Math.Min(query.Limit ?? 20, 100);
            if (flaw == KeysetFlaw.LimitZeroOnly ? size == 0 : size < 1)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 or more."] });
            }
            var bad = Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid."] });
            if (flaw == KeysetFlaw.SignedOffset)
            {
                var offset = 0L;
                if (query.Cursor is not null)
                {
                    if (!codec.TryDecode<long>(query.Cursor, out var at, out _))
                    {
                        return bad;
                    }
                    offset = at.Key;
                }
                var rows = await db.Products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip((int)offset).Take(size + 1).ToListAsync(token);
                return Results.Ok(new
                {
                    items = rows.Take(size),
                    next = rows.Count > size ? codec.Encode(new KeysetPosition<long>(offset + size, 0), PageDirection.Next) : null,
                });
            }
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
                else if (!codec.TryDecode<long>(query.Cursor, out var position, out _) && flaw != KeysetFlaw.NotVerified)
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
            else if (flaw is KeysetFlaw.GreaterOrEqual or KeysetFlaw.AndInsteadOfOr or KeysetFlaw.ClampAfterExtraRow or KeysetFlaw.LimitZeroOnly)
            {
                var k = after?.Key ?? long.MinValue;
                var i = after?.Id ?? long.MinValue;
                var range = flaw switch
                {
                    KeysetFlaw.GreaterOrEqual => db.Products.Where(p => p.CreatedAt > k || (p.CreatedAt == k && p.Id >= i)),
                    KeysetFlaw.AndInsteadOfOr => db.Products.Where(p => p.CreatedAt >= k && p.Id > i),
                    _ => db.Products.Where(p => p.CreatedAt > k || (p.CreatedAt == k && p.Id > i)),
                };
                var rows = await range.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(size + 1).ToListAsync(token);
                if (flaw == KeysetFlaw.ClampAfterExtraRow)
                {
                    size = Math.Min(size, 100);
                }
                items = [.. rows.Take(size)];
                hasNext = rows.Count > size;
            }
            else if (flaw is KeysetFlaw.NoOrderBy or KeysetFlaw.OrderByCreatedAtOnly or KeysetFlaw.FullPageMeansNext)
            {
                var k = after?.Key ?? long.MinValue;
                var i = after?.Id ?? long.MinValue;
                var range = db.Products.Where(p => p.CreatedAt > k || (p.CreatedAt == k && p.Id > i));
                var ordered = flaw == KeysetFlaw.NoOrderBy ? range
                    : flaw == KeysetFlaw.OrderByCreatedAtOnly ? range.OrderBy(p => p.CreatedAt)
                    : range.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id);
                var take = flaw == KeysetFlaw.FullPageMeansNext ? size : size + 1;
                var rows = await ordered.Take(take).ToListAsync(token);
                items = [.. rows.Take(size)];
                hasNext = flaw == KeysetFlaw.FullPageMeansNext ? rows.Count == size : rows.Count > size;
            }
            else if (flaw == KeysetFlaw.LibraryPage)
            {
                var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, after, PageDirection.Next, size, token);
                items = [.. page.Items];
                hasNext = page.HasNext;
            }
            else if (flaw == KeysetFlaw.CountedOffset)
            {
                var skip = after is { } a
                    ? await db.Products.CountAsync(p => p.CreatedAt < a.Key || (p.CreatedAt == a.Key && p.Id <= a.Id), token)
                    : 0;
                var rows = await db.Products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(skip).Take(size + 1).ToListAsync(token);
                items = [.. rows.Take(size)];
                hasNext = rows.Count > size;
            }
            else
            {
                var range = after is { } a ? db.Products.Where(p => p.CreatedAt >= a.Key && (p.CreatedAt > a.Key || p.Id > a.Id)) : db.Products;
                var rows = await range.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(size + 1).ToListAsync(token);
                items = [.. rows.Take(size).Take(flaw == KeysetFlaw.ClampAfterQuery ? 100 : int.MaxValue)];
                hasNext = rows.Count > size;
            }
            var last = items.Count > 0 ? flaw == KeysetFlaw.FirstRowCursor ? items[0] : items[^1] : null;
            string? next = null;
            if (hasNext && last is not null)
            {
                next = flaw == KeysetFlaw.Unsigned
                    ? $"{last.CreatedAt}_{last.Id}"
                    : flaw == KeysetFlaw.UnsignedJson
                    ? Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"{{\"k\":{last.CreatedAt},\"i\":{last.Id}}}"))
                    : codec.Encode(new KeysetPosition<long>(last.CreatedAt, last.Id), PageDirection.Next);
            }
            if (flaw == KeysetFlaw.WithTotal)
            {
                return Results.Ok(new { items, next, total = await db.Products.CountAsync(token) });
            }
            return Results.Ok(new { items, next });
        });

    [Theory]
    [InlineData(KeysetFlaw.GreaterOrEqual, 0, "not >=")]
    [InlineData(KeysetFlaw.ClampAfterQuery, 3, "clamp after the query")]
    [InlineData(KeysetFlaw.ClampAfterExtraRow, 3, "LIMIT 1001")]
    [InlineData(KeysetFlaw.LimitZeroOnly, 3, "refuse limit < 1")]
    [InlineData(KeysetFlaw.LibraryPage, 6, "from the course library's ToKeysetPageAsync")]
    [InlineData(KeysetFlaw.CountedOffset, 6, "The page query has an OFFSET")]
    public void Keyset_Flawed_FailsNamingTheMistake(KeysetFlaw flaw, int failingCase, string phrase)
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(flaw));
        Assert.Equal(CaseOutcome.Failed, result.Cases[failingCase].Outcome);
        Assert.Contains(phrase, result.Cases[failingCase].Message);
    }

    [Fact]
    public void Keyset_AndInsteadOfOr_Fails()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.AndInsteadOfOr));
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("not each column on its own", result.Cases[0].Message);
    }

    [Fact]
    public void Keyset_WithATotalCountedAfterThePage_Passes()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.WithTotal));
        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void Keyset_OrderedByCreatedAtAlone_FailsOnlyTheSqlCase()
    {
        // SQLite's (CreatedAt, Id) index gives ties in Id order today, so the walks cannot tell.
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.OrderByCreatedAtOnly));
        Assert.All(result.Cases.Take(6), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Contains("Add ThenBy(p => p.Id)", result.Cases[6].Message);
    }

    [Fact]
    public void Keyset_NextWheneverThePageIsFull_FailsOnlyTheLastPageCase()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.FullPageMeansNext));
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.All(result.Cases.Where((_, i) => i != 4), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Contains("limit + 1", result.Cases[4].Message);
    }

    [Fact]
    public void Keyset_OnCreatedAtAlone_PassesTheLastPageCase()
    {
        // The rows it loses are the walk cases' business: the last page still says next: null.
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.KeyOnly));
        Assert.Equal(CaseOutcome.Passed, result.Cases[4].Outcome);
    }

    [Fact]
    public void Keyset_NoClamp_FailsTheLimitCase()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.NoClamp));
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
        Assert.Contains("the maximum is 100", result.Cases[3].Message);
    }

    [Theory]
    [InlineData(KeysetFlaw.FirstRowCursor, "but the page's last row is")]
    [InlineData(KeysetFlaw.SignedOffset, "not a count of rows")]
    public void Keyset_SignedCursorThatIsNotTheLastRow_FailsTheWalkNamingTheCursor(KeysetFlaw flaw, string phrase)
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(flaw));
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains(phrase, result.Cases[0].Message);
        Assert.Contains(phrase, result.Cases[5].Message);
    }

    [Fact]
    public void Keyset_CursorNotVerified_FailsTheTamperCase()
    {
        var result = PaginationExercises.KeysetEndpoint.Check(Keyset(KeysetFlaw.NotVerified));
        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
        Assert.Contains("the endpoint accepted your own next cursor with one character changed", result.Cases[2].Message);
        Assert.DoesNotContain("\\u0022", result.Cases[2].Message);
    }

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

    [Fact]
    public void Keyset_ProblemDetailsWithQuotes_AreQuotedReadably()
    {
        // ASP.NET Core's JSON writes " as \u0022 and ≥ as \u2265; the message shows the learner's own text.
        var result = PaginationExercises.KeysetEndpoint.Check(app =>
            app.MapGet("/products", ([AsParameters] CursorQuery query) =>
                Results.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["limit must be \"≥ 1\""] })));
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("limit must be \\\"≥ 1\\\"", result.Cases[0].Message);
        Assert.DoesNotContain("\\u0022", result.Cases[0].Message);
    }

    // 08.2 — choose the index

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
        Assert.Contains("see the cases above", result.Cases[4].Message);
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

    [Theory]
    [InlineData("CREATE INDEX ix ON Products (Price)", 1, "walks the whole index")]
    [InlineData("CREATE INDEX ix ON Products (Price, Category)", 1, "does not start with the filtered column")]
    [InlineData("CREATE INDEX ix ON Products (Category)", 2, "must then sort that category's rows by price")]
    [InlineData("CREATE INDEX ix ON Products (Category, Price, Name)", 2, "not in Id order")]
    [InlineData("CREATE INDEX ix ON Products (Category COLLATE NOCASE, Price)", 1, "does not use your index at all")]
    [InlineData("CREATE INDEX ix ON Products (Category, Price DESC)", 2, "not in Id order")]
    [InlineData("CREATE INDEX ix ON Products (Category, Price, Id DESC)", 2, "not in Id order")]
    public void Index_Wrong_FailsDescribingThePlanItGot(string sql, int failingCase, string phrase)
    {
        var result = PaginationExercises.ChooseIndex.Check(() => sql);
        Assert.Equal(CaseOutcome.Failed, result.Cases[failingCase].Outcome);
        Assert.Contains(phrase, result.Cases[failingCase].Message);
        Assert.DoesNotContain("partial index", result.Cases[4].Message);
    }

    [Fact]
    public void Index_PartialForSomeCategories_FailsOnACategoryItLeavesOut()
    {
        // kitchen OR books: both pages the check used to plan SEARCH without a sort.
        var result = PaginationExercises.ChooseIndex.Check(() => "CREATE INDEX ix ON Products (Category, Price) WHERE Category = 'kitchen' OR Category = 'books'");
        Assert.All(result.Cases.Take(4), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Equal(CaseOutcome.Failed, result.Cases[4].Outcome);
        Assert.Contains("a partial index", result.Cases[4].Message);
    }

    [Fact]
    public void Index_NotAnIndex_Fails()
    {
        var result = PaginationExercises.ChooseIndex.Check(() => "SELECT 1");
        Assert.Contains("is not a CREATE INDEX statement", result.Cases[0].Message);
    }

    [Fact]
    public void Index_NotSql_FailsWithAMessage()
    {
        var result = PaginationExercises.ChooseIndex.Check(() => "CREATE INDEX oops ON Nowhere (x)");
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("SQLite refused", result.Cases[0].Message);
    }
}
