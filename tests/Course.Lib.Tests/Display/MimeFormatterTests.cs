using Course.Display;

namespace Course.Lib.Tests.Display;

public class MimeFormatterTests
{
    [Fact]
    public void MimeType_IsTheOneGiven()
    {
        var formatter = new MimeFormatter<int>(MimeTypes.Html, n => $"<b>{n}</b>");

        Assert.Equal("text/html", formatter.MimeType);
    }

    [Fact]
    public void Format_ValueOfItsType_WritesTheRenderingAndReturnsTrue()
    {
        var formatter = new MimeFormatter<int>(MimeTypes.Html, n => $"<b>{n}</b>");
        using var writer = new StringWriter();

        var formatted = formatter.Format(42, writer);

        Assert.True(formatted);
        Assert.Equal("<b>42</b>", writer.ToString());
    }

    [Fact]
    public void Format_ValueOfAnotherType_ReturnsFalseAndWritesNothing()
    {
        var formatter = new MimeFormatter<int>(MimeTypes.Html, n => $"<b>{n}</b>");
        using var writer = new StringWriter();

        var formatted = formatter.Format("42", writer);

        Assert.False(formatted);
        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void Format_HasTheSignatureTheKernelCalls()
    {
        var format = typeof(MimeFormatter<int>).GetMethod("Format", [typeof(object), typeof(TextWriter)]);

        Assert.NotNull(format);
        Assert.Equal(typeof(bool), format.ReturnType);
    }
}
