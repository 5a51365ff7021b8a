using Course.Pagination;

namespace Course.Lib.Tests.Pagination;

public class PageRulesTests
{
    private static readonly PageLimits Limits = new(DefaultSize: 20, MaxSize: 100);

    [Fact]
    public void TryGetWindow_OffsetQueryWithNothing_UsesTheDefaults()
    {
        Assert.True(PageRules.TryGetWindow(new OffsetQuery(null, null), Limits, out var window, out var errors));

        Assert.Equal(new PageWindow(0, 20, false), window);
        Assert.Empty(errors);
    }

    [Fact]
    public void TryGetWindow_OffsetQuery_KeepsValidValues()
    {
        Assert.True(PageRules.TryGetWindow(new OffsetQuery(Limit: 25, Offset: 40), Limits, out var window, out _));

        Assert.Equal(new PageWindow(40, 25, false), window);
    }

    [Fact]
    public void TryGetWindow_OffsetQueryAboveTheMaximum_ClampsAndSaysSo()
    {
        Assert.True(PageRules.TryGetWindow(new OffsetQuery(Limit: 1_000_000, Offset: 0), Limits, out var window, out var errors));

        Assert.Equal(new PageWindow(0, 100, Clamped: true), window);
        Assert.Empty(errors);
    }

    [Fact]
    public void TryGetWindow_OffsetQueryExactlyAtTheMaximum_IsNotClamped()
    {
        Assert.True(PageRules.TryGetWindow(new OffsetQuery(Limit: 100, Offset: 0), Limits, out var window, out _));

        Assert.False(window.Clamped);
    }

    [Theory]
    [InlineData(0, 0, "limit")]
    [InlineData(-5, 0, "limit")]
    [InlineData(10, -1, "offset")]
    [InlineData(0, -1, "limit,offset")]
    public void TryGetWindow_OffsetQueryOutOfRange_NamesEveryBadField(int limit, int offset, string fields)
    {
        Assert.False(PageRules.TryGetWindow(new OffsetQuery(limit, offset), Limits, out var window, out var errors));

        Assert.Equal(fields.Split(','), errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.NotEmpty(Assert.Single(messages)));
        Assert.Equal(default, window);
    }

    [Theory]
    [InlineData(null, null, 0, 20)]
    [InlineData(1, 25, 0, 25)]
    [InlineData(2, 25, 25, 25)]
    [InlineData(3, 10, 20, 10)]
    public void TryGetWindow_PageQuery_MapsPageAndSizeToOffsetAndLimit(int? page, int? size, int offset, int limit)
    {
        Assert.True(PageRules.TryGetWindow(new PageQuery(page, size), Limits, out var window, out var errors));

        Assert.Equal(new PageWindow(offset, limit, false), window);
        Assert.Empty(errors);
    }

    [Fact]
    public void TryGetWindow_PageQueryAboveTheMaximum_ClampsBeforeComputingTheOffset()
    {
        Assert.True(PageRules.TryGetWindow(new PageQuery(Page: 3, Size: 500), Limits, out var window, out _));

        Assert.Equal(new PageWindow(200, 100, Clamped: true), window);
    }

    [Theory]
    [InlineData(0, 10, "page")]
    [InlineData(-1, 10, "page")]
    [InlineData(1, 0, "size")]
    [InlineData(0, -3, "page,size")]
    [InlineData(int.MaxValue, 100, "page")]
    public void TryGetWindow_PageQueryOutOfRangeOrOverflowing_NamesEveryBadField(int page, int size, string fields)
    {
        Assert.False(PageRules.TryGetWindow(new PageQuery(page, size), Limits, out _, out var errors));

        Assert.Equal(fields.Split(','), errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryGetWindow_LargestPageThatFits_IsValid()
    {
        var page = int.MaxValue / 100 + 1;

        Assert.True(PageRules.TryGetWindow(new PageQuery(page, 100), Limits, out var window, out _));
        Assert.Equal((page - 1) * 100, window.Offset);
    }

    [Fact]
    public void TryGetLimit_DefaultsClampsAndRejects()
    {
        Assert.True(PageRules.TryGetLimit(null, Limits, out var size, out var clamped, out var errors));
        Assert.Equal((20, false), (size, clamped));
        Assert.Empty(errors);

        Assert.True(PageRules.TryGetLimit(101, Limits, out size, out clamped, out _));
        Assert.Equal((100, true), (size, clamped));

        Assert.False(PageRules.TryGetLimit(0, Limits, out _, out _, out errors));
        Assert.Equal(["limit"], errors.Keys);
    }

    [Fact]
    public void PageLimits_HasTheCourseDefaults()
    {
        Assert.Equal(new PageLimits(20, 100), new PageLimits());
    }
}
