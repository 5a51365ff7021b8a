using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Course.Middleware;

/// <summary>
/// Exercise 07.1's custom middleware: a quota per signed-in user. It reads <see cref="HttpContext.User"/>, so it sees a user
/// only after <c>UseAuthentication()</c>; a user's request beyond <see cref="QuotaLedger.RequestsPerUser"/> gets
/// <c>429 Too Many Requests</c> (it short-circuits); anonymous requests pass. Add it with <c>app.UseMiddleware&lt;UserQuota&gt;()</c>;
/// the app registers a <see cref="QuotaLedger"/>, which holds the counts.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
public sealed class UserQuota(RequestDelegate next)
{
    /// <summary>Counts the request against its user's quota, and answers <c>429</c> when the quota is spent.</summary>
    public Task InvokeAsync(HttpContext context, QuotaLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ledger);
        if (!ledger.Admit(context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        }
        return next(context);
    }
}

/// <summary>What <see cref="UserQuota"/> saw: requests per signed-in user, and how many it let pass without a user.</summary>
public sealed class QuotaLedger
{
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private int _anonymous;

    /// <summary>How many requests one user may make; the next ones get <c>429</c>.</summary>
    public int RequestsPerUser { get; init; } = 2;

    /// <summary>Requests <see cref="UserQuota"/> saw without a signed-in user (they are not counted against anyone).</summary>
    public int Anonymous => Volatile.Read(ref _anonymous);

    /// <summary>Requests <see cref="UserQuota"/> saw from <paramref name="user"/>.</summary>
    public int RequestsOf(string user) => _requests.TryGetValue(user, out var count) ? count : 0;

    /// <summary>Counts one request of <paramref name="user"/> (null: anonymous) and says whether it is within the quota.</summary>
    public bool Admit(string? user)
    {
        if (user is null)
        {
            Interlocked.Increment(ref _anonymous);
            return true;
        }
        return _requests.AddOrUpdate(user, 1, (_, count) => count + 1) <= RequestsPerUser;
    }
}

/// <summary>
/// Exercise 07.1's gateway prefix: the gateway forwards the API under <see cref="Prefix"/>, and this middleware moves that
/// prefix from <see cref="HttpRequest.Path"/> to <see cref="HttpRequest.PathBase"/> (as <c>app.Map</c> does), so that the
/// endpoints, mapped without it, match. Routing matches <see cref="HttpRequest.Path"/> as it finds it: only what runs after
/// this middleware sees the path without the prefix. Add it with <c>app.UseMiddleware&lt;GatewayPrefix&gt;()</c>.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
public sealed class GatewayPrefix(RequestDelegate next)
{
    /// <summary>The prefix the gateway adds.</summary>
    public const string Prefix = "/api";

    /// <summary>Moves <see cref="Prefix"/> into the path base for the rest of the pipeline, and back when it returns.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(Prefix, out var matched, out var remaining))
        {
            await next(context);
            return;
        }
        var (pathBase, path) = (context.Request.PathBase, context.Request.Path);
        context.Request.PathBase = pathBase.Add(matched);
        context.Request.Path = remaining;
        try
        {
            await next(context);
        }
        finally
        {
            (context.Request.PathBase, context.Request.Path) = (pathBase, path);
        }
    }
}
