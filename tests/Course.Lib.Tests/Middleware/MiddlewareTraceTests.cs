using Course.Display;
using Course.Hosting;
using Course.Middleware;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.Middleware;

public class MiddlewareTraceTests
{
    [Fact]
    public async Task Step_TwoMiddlewareAndAFilter_RecordTheOnionInOrderWithDepthAndStatus()
    {
        var trace = new MiddlewareTrace();
        await using var api = await InMemoryServer.StartAsync(app =>
        {
            app.Use(trace.Step("outer"));
            app.Use(trace.Step("inner"));
            app.MapGet("/", () =>
            {
                trace.Note("endpoint", "ran");
                return "hi";
            }).AddEndpointFilter(trace.Filter("filter"));
        });

        await api.GetAsync("/");

        Assert.Equal("outer> inner> filter> [endpoint] <filter <inner <outer", trace.Path);
        Assert.Equal([0, 1, 2, 3, 2, 1, 0], trace.Entries.Select(e => e.Depth));
        Assert.Equal(
            "→ outer\n  → inner\n    → filter\n      · endpoint: ran\n    ← filter returned String\n  ← inner 200\n← outer 200",
            trace.ToString());
    }

    [Fact]
    public async Task Step_ShortCircuitBeforeIt_RecordsOnlyTheOuterLayers()
    {
        var trace = new MiddlewareTrace();
        await using var api = await InMemoryServer.StartAsync(app =>
        {
            app.Use(trace.Step("logging"));
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                trace.Note("gate", "401, next not called");
                context.Response.StatusCode = 401;
                await Task.CompletedTask;
            });
            app.Use(trace.Step("never"));
            app.MapGet("/", () => "hi");
        });

        var exchange = await api.GetAsync("/");

        Assert.Equal(401, exchange.Status);
        Assert.Equal("logging> [gate] <logging", trace.Path);
        Assert.Equal("← logging 401", trace.Entries[^1].ToString());
    }

    [Fact]
    public async Task Step_ExceptionPassingThrough_IsRecordedAndRethrown()
    {
        var trace = new MiddlewareTrace();
        await using var api = await InMemoryServer.StartAsync(_ => { }, app =>
        {
            app.UseExceptionHandler(handler => handler.Run(context =>
            {
                trace.Note("handler", "writes 500");
                context.Response.StatusCode = 500;
                return Task.CompletedTask;
            }));
            app.Use(trace.Step("timing"));
            app.MapGet("/", string () => throw new InvalidOperationException("boom"));
        }, "Production");

        var exchange = await api.GetAsync("/");

        Assert.Equal(500, exchange.Status);
        Assert.Equal("timing> <timing [handler]", trace.Path);
        Assert.Equal("← timing threw InvalidOperationException", trace.Entries[1].ToString());
    }

    [Fact]
    public async Task Step_ConcurrentRequests_LoseNoLine()
    {
        var trace = new MiddlewareTrace();
        await using var api = await InMemoryServer.StartAsync(app =>
        {
            app.Use(trace.Step("outer"));
            app.Use(trace.Step("inner"));
            app.MapGet("/", async () =>
            {
                await Task.Yield();
                trace.Note("endpoint", "ran");
                return "hi";
            });
        });

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.GetAsync("/")));

        var entries = trace.Entries;
        Assert.Equal(50 * 5, entries.Count);
        Assert.Equal(Enumerable.Range(1, 250), entries.Select(e => e.Number));
        Assert.Equal(100, entries.Count(e => e.Kind == TraceEntryKind.Enter));
        Assert.Equal(100, entries.Count(e => e.Kind == TraceEntryKind.Leave));
    }

    [Fact]
    public void Clear_ForgetsEverythingAndResetsTheDepth()
    {
        var trace = new MiddlewareTrace();
        trace.Enter("a");
        trace.Enter("b");

        trace.Clear();
        trace.Note("x", "y");

        var entry = Assert.Single(trace.Entries);
        Assert.Equal((1, 0, TraceEntryKind.Note), (entry.Number, entry.Depth, entry.Kind));
    }

    [Fact]
    public void ToString_Empty_SaysNothingRecorded()
    {
        Assert.Equal("(nothing recorded)", new MiddlewareTrace().ToString());
    }

    [Fact]
    public void Step_BlankName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new MiddlewareTrace().Step(" "));
    }

    [Fact]
    public void Formatters_HtmlKeepsTheIndentationInAPreBlock_TextIsTheLines()
    {
        var trace = new MiddlewareTrace();
        trace.Enter("a");
        trace.Note("endpoint", "<ran>");
        trace.Leave("a", "200");

        var formatters = new MiddlewareTraceFormatterSource().CreateTypeFormatters().Cast<MimeFormatter<MiddlewareTrace>>().ToList();
        var html = Render(formatters.Single(f => f.MimeType == MimeTypes.Html), trace);
        var text = Render(formatters.Single(f => f.MimeType == MimeTypes.PlainText), trace);

        Assert.StartsWith("<pre", html);
        Assert.Contains("endpoint: &lt;ran&gt;", html);
        Assert.Contains("\n  ", html);
        Assert.Equal("→ a\n  · endpoint: <ran>\n← a 200", text);
    }

    private static string Render(MimeFormatter<MiddlewareTrace> formatter, MiddlewareTrace trace)
    {
        var writer = new StringWriter();
        Assert.True(formatter.Format(trace, writer));
        return writer.ToString();
    }
}
