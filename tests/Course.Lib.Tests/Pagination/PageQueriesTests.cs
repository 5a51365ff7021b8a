using Course.Hosting;
using Course.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.Pagination;

public class PageQueriesTests
{
    [Fact]
    public async Task AsParameters_BindsEachQueryShapeCaseInsensitivelyAndLeavesMissingValuesNull()
    {
        await using var api = await InMemoryServer.StartAsync(app =>
        {
            app.MapGet("/offset", ([AsParameters] OffsetQuery q) => $"{q.Limit}|{q.Offset}");
            app.MapGet("/page", ([AsParameters] PageQuery q) => $"{q.Page}|{q.Size}");
            app.MapGet("/cursor", ([AsParameters] CursorQuery q) => $"{q.Cursor}|{q.Limit}");
        });

        Assert.Equal("20|40", (await api.GetAsync("/offset?limit=20&offset=40")).Body);
        Assert.Equal("|7", (await api.GetAsync("/offset?OFFSET=7")).Body);
        Assert.Equal("2|25", (await api.GetAsync("/page?Page=2&size=25")).Body);
        Assert.Equal("|", (await api.GetAsync("/page")).Body);
        Assert.Equal("abc.def|5", (await api.GetAsync("/cursor?cursor=abc.def&limit=5")).Body);
    }

    [Fact]
    public async Task AsParameters_NonNumericValue_IsA400BeforeTheHandlerRuns()
    {
        await using var api = await InMemoryServer.StartAsync(app => app.MapGet("/offset", ([AsParameters] OffsetQuery q) => "ran"));

        var exchange = await api.GetAsync("/offset?limit=abc");

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.Status);
        Assert.NotEqual("ran", exchange.Body);
    }
}
