using Course.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Course.Exercises;

/// <summary>
/// Stand-in answers for <see cref="ExerciseCatalog.StartWarmUp"/>: endpoints of the shape an exercise asks for, built
/// from the same parts (parameter binding, EF Core queries, cookies), so that running a check's first case against
/// them compiles what the learner's answer will need. They are not solutions, and their checks fail.
/// </summary>
internal static class StandInAnswers
{
    /// <summary>For 04.1: a POST that sets a cookie with options.</summary>
    public static void Cookies(WebApplication app) =>
        app.MapPost("/session", (HttpResponse response) =>
        {
            response.Cookies.Append("session_id", "stand-in", new CookieOptions { HttpOnly = true, Path = "/" });
            return Results.Ok();
        });

    /// <summary>For 08.1: the first keyset page, without cursors.</summary>
    public static void FirstKeysetPage(WebApplication app) =>
        app.MapGet("/products", async ([AsParameters] CursorQuery query, CatalogDb db, CancellationToken token) =>
        {
            var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, null, PageDirection.Next, query.Limit ?? 20, token);
            return Results.Ok(new { items = page.Items, next = (string?)null });
        });
}
