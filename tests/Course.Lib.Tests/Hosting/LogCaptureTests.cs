using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Course.Lib.Tests.Hosting;

public class LogCaptureTests
{
    [Fact]
    public async Task Capture_KeepsTheAppsEntries_WithTheirScopes_InOrder()
    {
        var logs = new LogCapture(category => category.StartsWith("Orders", StringComparison.Ordinal));
        await using var api = await InMemoryServer.StartAsync(b => b.Logging.AddCapture(logs), app =>
        {
            app.Use(async (context, next) =>
            {
                var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orders.RequestId");
                using (log.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = "req-1" }))
                {
                    await next(context);
                }
            });
            app.MapGet("/orders/{id:int}", (int id, ILoggerFactory loggers) =>
            {
                var log = loggers.CreateLogger("Orders.Endpoint");
                using (log.BeginScope("order {OrderId}", id))
                {
                    log.LogInformation("loading order {OrderId}", id);
                }
                log.LogDebug("below the minimum level");
                return id;
            });
        });

        await api.GetAsync("/orders/7");

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("Orders.Endpoint", entry.Category);
        Assert.Equal("loading order 7", entry.Message);
        // The framework's request scope comes first, as a console logger would show it.
        Assert.Equal(["RequestPath=/orders/7", "CorrelationId=req-1", "OrderId=7"],
            entry.Scope.Where(p => p.Key != "RequestId").Select(p => $"{p.Key}={p.Value}"));
        Assert.StartsWith("Information Orders.Endpoint: loading order 7 {RequestId=", logs.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("RequestPath=/orders/7, CorrelationId=req-1, OrderId=7}", logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_WithAMinimumLevelOfDebug_GetsThroughTheAppsDefaultFilter()
    {
        var logs = new LogCapture(category => category.EndsWith("RequestDelegateFactory", StringComparison.Ordinal), LogLevel.Debug);
        await using var api = await InMemoryServer.StartAsync(b => b.Logging.AddCapture(logs), app => app.MapGet("/page", (int size) => size), "Production");

        Assert.Equal(400, (await api.GetAsync("/page")).Status);

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains("Required parameter \"int size\" was not provided from query string.", entry.Message, StringComparison.Ordinal);
        logs.Clear();
        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task Servers_TraceRequests_SoAProblemsTraceIdIsTheW3CTraceId()
    {
        await using var api = await InMemoryServer.StartAsync(b => b.Services.AddProblemDetails(), app => app.MapGet("/missing", () => Results.Problem(statusCode: 404)));

        var body = JsonNode.Parse((await api.GetAsync("/missing")).Body)!;

        Assert.Matches(new Regex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$"), body["traceId"]!.GetValue<string>());
    }
}
