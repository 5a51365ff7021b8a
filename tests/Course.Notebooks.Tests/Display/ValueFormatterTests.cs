using Course.Notebooks.Display;

namespace Course.Notebooks.Tests.Display;

public class ValueFormatterTests
{
    public sealed record Person(string Name, int Age);

    public sealed class Plain
    {
        public int Id { get; set; } = 7;
        public string Label { get; set; } = "seven";
    }

    [Fact]
    public void Format_Null_ShowsNullMarker()
    {
        Assert.Equal("<null>", ValueFormatter.Format(null)["text/plain"]);
    }

    [Fact]
    public void Format_Record_UsesItsToString()
    {
        Assert.Equal("Person { Name = Ada, Age = 36 }", ValueFormatter.Format(new Person("Ada", 36))["text/plain"]);
    }

    [Fact]
    public void Format_AnonymousType_ShowsItsMembers()
    {
        Assert.Equal("{ A = 1, B = two }", ValueFormatter.Format(new { A = 1, B = "two" })["text/plain"]);
    }

    [Fact]
    public void Format_Collection_ListsItsItems()
    {
        var data = ValueFormatter.Format(new List<int> { 1, 2, 3 });

        Assert.Equal("[ 1, 2, 3 ]", data["text/plain"]);
        Assert.Contains("<table>", data["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_LongCollection_IsCutWithAnEllipsis()
    {
        Assert.EndsWith(", … ]", ValueFormatter.Format(Enumerable.Range(0, 1000))["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_CollectionOfRecords_IsATableWithAColumnPerProperty()
    {
        var html = ValueFormatter.Format(new[] { new Person("Ada", 36), new Person("Alan", 41) })["text/html"];

        Assert.Contains("<th>Name</th><th>Age</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Alan</td><td>41</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ObjectWithoutToString_ShowsItsPublicProperties()
    {
        Assert.Equal("Plain { Id = 7, Label = seven }", ValueFormatter.Format(new Plain())["text/plain"]);
    }

    [Fact]
    public void Format_Exception_ShowsTypeAndMessage()
    {
        Assert.Equal("InvalidOperationException: nope", ValueFormatter.Format(new InvalidOperationException("nope"))["text/plain"]);
    }

    [Fact]
    public void Format_HtmlIsEncoded()
    {
        Assert.Contains("&lt;b&gt;", ValueFormatter.Format("<b>")["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WithMimeTypes_KeepsOnlyThose()
    {
        Assert.Equal(["text/plain"], ValueFormatter.Format(42, ["text/plain"]).Keys);
    }

    [Fact]
    public void Format_TypeWithFormatterSource_UsesItsFormattersForHtmlAndPlainText()
    {
        var data = ValueFormatter.Format(new Badge("ok"));

        Assert.Equal("<b>ok</b>", data["text/html"]);
        Assert.Equal("badge: ok", data["text/plain"]);
    }

    [Fact]
    public void Format_FormatterThatDeclines_FallsBackToTheDefault()
    {
        var data = ValueFormatter.Format(new Badge(""));

        Assert.Equal("badge: ", data["text/plain"]);
        Assert.Equal("<div class=\"dni-plaintext\"><pre>badge: </pre></div>", data["text/html"]);
    }

    [Fact]
    public void Format_FormatterWithVoidFormat_IsAnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ValueFormatter.Format(new VoidFormatted()));

        Assert.Contains("bool Format(object value, TextWriter writer)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_PreferredMimeTypes_EmitsThoseAndPlainTextOnly()
    {
        var data = ValueFormatter.Format(new Score(3));

        Assert.Equal(["application/vnd.test+json", "text/plain"], data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("{\"points\":3}", data["application/vnd.test+json"]);
    }

    [Fact]
    public void Format_ExplicitMimeTypes_WinOverPreferredOnes()
    {
        var data = ValueFormatter.Format(new Score(3), ["text/html"]);

        Assert.Equal("<i>score</i>", Assert.Single(data).Value);
    }

    [Fact]
    public void Format_AttributeWithoutFormatterSourceType_IsIgnored()
    {
        Assert.Equal("Mislabelled { X = 1 }", ValueFormatter.Format(new Mislabelled())["text/plain"]);
    }

    // The convention, declared here as a library would declare it (no package reference).
    [AttributeUsage(AttributeTargets.Class)]
    private sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
    {
        public Type FormatterSourceType { get; } = formatterSourceType;

        public string[]? PreferredMimeTypes { get; set; }
    }

    [TypeFormatterSource(typeof(ScoreFormatters), PreferredMimeTypes = ["application/vnd.test+json"])]
    public sealed record Score(int Points);

    private sealed class ScoreFormatters
    {
        public IEnumerable<object> CreateTypeFormatters() => [new Json(), new Html()];

        private sealed class Json
        {
            public string MimeType => "application/vnd.test+json";

            public bool Format(object value, TextWriter writer)
            {
                writer.Write($"{{\"points\":{((Score)value).Points}}}");
                return true;
            }
        }

        private sealed class Html
        {
            public string MimeType => "text/html";

            public bool Format(object value, TextWriter writer)
            {
                writer.Write("<i>score</i>");
                return true;
            }
        }
    }

    [TypeFormatterSource(typeof(BadgeFormatters))]
    public sealed record Badge(string Text);

    private sealed class BadgeFormatters
    {
        public IEnumerable<object> CreateTypeFormatters() => [new Html(), new PlainText()];

        private sealed class Html
        {
            public string MimeType => "text/html";

            public bool Format(object value, TextWriter writer)
            {
                var badge = (Badge)value;
                if (badge.Text.Length == 0)
                {
                    return false;
                }
                writer.Write($"<b>{badge.Text}</b>");
                return true;
            }
        }

        private sealed class PlainText
        {
            public string MimeType => "text/plain";

            public bool Format(object value, TextWriter writer)
            {
                writer.Write("badge: " + ((Badge)value).Text);
                return true;
            }
        }
    }

    [TypeFormatterSource(typeof(VoidFormatters))]
    public sealed class VoidFormatted;

    private sealed class VoidFormatters
    {
        public IEnumerable<object> CreateTypeFormatters() => [new VoidHtml()];

        private sealed class VoidHtml
        {
            public string MimeType => "text/html";

            public void Format(object value, TextWriter writer) => writer.Write("never");
        }
    }

    [AttributeUsage(AttributeTargets.Class)]
    private sealed class OtherAttribute : Attribute;

    [Other]
    public sealed class Mislabelled
    {
        public int X { get; } = 1;
    }
}
