using Course.Display;
using Microsoft.AspNetCore.Http;

namespace Course.Middleware;

/// <summary>
/// Records the onion: for each request, the order in which middleware (and endpoint filters) enter and leave,
/// with the status code each layer sees on the way out. Add a recording layer with
/// <c>app.Use(trace.Step("auth"))</c>, a note from a handler with <c>trace.Note("endpoint", "ran")</c>, and display the
/// trace (indented lines, in HTML and in text). Meant for one request at a time: call <see cref="Clear"/> between requests.
/// Recording is thread-safe (concurrent requests lose no line), but the lines of concurrent requests interleave and share one
/// depth counter, so neither the order nor the indentation says which request a line belongs to.
/// </summary>
/// <example>
/// <code>
/// var trace = new MiddlewareTrace();
/// app.Use(trace.Step("logging"));
/// app.Use(trace.Step("auth"));
/// app.MapGet("/", () => { trace.Note("endpoint", "ran"); return "hi"; });
/// // after GET /:  → logging / → auth / · endpoint: ran / ← auth 200 / ← logging 200
/// </code>
/// </example>
[TypeFormatterSource(typeof(MiddlewareTraceFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class MiddlewareTrace
{
    private readonly Lock _gate = new();
    private readonly List<TraceEntry> _entries = [];
    private int _depth;

    /// <summary>The lines recorded since the last <see cref="Clear"/>, in order.</summary>
    public IReadOnlyList<TraceEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>
    /// The order in which the layers were entered and left, as one compact line per request:
    /// <c>logging &gt; auth &gt; [endpoint] &lt; auth &lt; logging</c>.
    /// </summary>
    public string Path => string.Join(" ", Entries.Select(e => e.Kind switch
    {
        TraceEntryKind.Enter => $"{e.Layer}>",
        TraceEntryKind.Leave => $"<{e.Layer}",
        _ => $"[{e.Layer}]",
    }));

    /// <summary>
    /// A middleware for <c>app.Use(…)</c> that records <paramref name="name"/> entering, calls the next layer, and records it
    /// leaving with the response's status code (or the exception that passed through it, which it rethrows).
    /// </summary>
    public Func<HttpContext, RequestDelegate, Task> Step(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return async (context, next) =>
        {
            Enter(name);
            try
            {
                await next(context);
            }
            catch (Exception exception)
            {
                Leave(name, "threw " + exception.GetType().Name);
                throw;
            }
            Leave(name, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        };
    }

    /// <summary>
    /// An endpoint filter for <c>.AddEndpointFilter(…)</c> (on an endpoint or a route group) that records
    /// <paramref name="name"/> entering and leaving, with the type of the value the endpoint returned.
    /// </summary>
    public Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Filter(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return async (context, next) =>
        {
            Enter(name);
            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception exception)
            {
                Leave(name, "threw " + exception.GetType().Name);
                throw;
            }
            Leave(name, "returned " + (result is null ? "null" : ShortTypeName(result.GetType())));
            return result;
        };
    }

    /// <summary>Records that <paramref name="layer"/> entered (for hand-written layers; <see cref="Step(string)"/> does it for you).</summary>
    public void Enter(string layer) => Add(TraceEntryKind.Enter, layer, "");

    /// <summary>Records that <paramref name="layer"/> left, with <paramref name="detail"/> (a status, a result…).</summary>
    public void Leave(string layer, string detail = "") => Add(TraceEntryKind.Leave, layer, detail);

    /// <summary>Records a note inside the current layer, such as <c>trace.Note("endpoint", "ran")</c> from a handler.</summary>
    public void Note(string layer, string text) => Add(TraceEntryKind.Note, layer, text);

    /// <summary>Forgets every recorded line (call it before the next request).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _depth = 0;
        }
    }

    /// <summary>The trace as indented lines: an arrow in for each layer entered, an arrow out for each layer left.</summary>
    public override string ToString()
    {
        var entries = Entries;
        return entries.Count == 0 ? "(nothing recorded)" : string.Join("\n", entries);
    }

    private void Add(TraceEntryKind kind, string layer, string detail)
    {
        ArgumentNullException.ThrowIfNull(layer);
        lock (_gate)
        {
            if (kind == TraceEntryKind.Leave)
            {
                _depth = Math.Max(0, _depth - 1);
            }
            _entries.Add(new TraceEntry(_entries.Count + 1, _depth, kind, layer, detail ?? ""));
            if (kind == TraceEntryKind.Enter)
            {
                _depth++;
            }
        }
    }

    private static string ShortTypeName(Type type) =>
        type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(ShortTypeName)) + ">" : type.Name;
}
