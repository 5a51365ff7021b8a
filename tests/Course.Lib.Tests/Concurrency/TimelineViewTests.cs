using Course.Concurrency;
using Course.Display;
using Microsoft.Extensions.Time.Testing;

namespace Course.Lib.Tests.Concurrency;

public class TimelineViewTests
{
    [Fact]
    public void ToString_IsTheChartsFirstLineOnly()
    {
        var time = new FakeTimeProvider();
        var timeline = new Timeline(time);
        using (timeline.Span("a"))
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
        }
        timeline.Mark("m");

        var text = TimelineView.Of(timeline).ToString();

        Assert.Equal(timeline.ToString().Split('\n')[0], text);
        Assert.DoesNotContain('\n', text);
        Assert.StartsWith("timeline: 1 span, 1 mark, 20.0 ms", text);
    }

    [Fact]
    public void Formatters_WriteTheSvgChartAsHtml()
    {
        var timeline = new Timeline(new FakeTimeProvider());
        timeline.Mark("m");
        var view = TimelineView.Of(timeline);
        var attribute = (TypeFormatterSourceAttribute)Attribute.GetCustomAttribute(typeof(TimelineView), typeof(TypeFormatterSourceAttribute))!;
        dynamic source = Activator.CreateInstance(attribute.FormatterSourceType)!;

        var html = "";
        foreach (dynamic formatter in source.CreateTypeFormatters())
        {
            if (formatter.MimeType == MimeTypes.Html)
            {
                var writer = new StringWriter();
                formatter.Format((object)view, writer);
                html = writer.ToString();
            }
        }

        Assert.Contains("<svg", html);
    }
}
