using System.Net;
using System.Reflection;
using Course.Concurrency;
using Course.Display;
using Course.Exercises;
using Course.Http;
using Course.Lib.Tests.Infrastructure;

namespace Course.Lib.Tests.Display;

/// <summary>
/// Every library type that carries <see cref="TypeFormatterSourceAttribute"/> follows the convention
/// the way the kernel reads it (by reflection, by name): the library's own display types are found by
/// scanning the assembly, so a new one is checked without touching this file.
/// </summary>
public class DisplayTypesTests
{
    public static TheoryData<Type> DisplayTypes() => [.. LibraryDisplayTypes()];

    [Fact]
    public void Library_HasTheDisplayTypesTheNotebooksUse()
    {
        Assert.Superset(new HashSet<Type> { typeof(HttpExchange), typeof(CheckResult), typeof(ExerciseNote), typeof(Timeline) }, LibraryDisplayTypes().ToHashSet());
    }

    [Theory]
    [MemberData(nameof(DisplayTypes))]
    public void FormatterSource_HasAParameterlessConstructorAndCreateTypeFormatters(Type displayType)
    {
        var sourceType = AttributeOf(displayType).FormatterSourceType;
        var create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);

        Assert.NotNull(sourceType.GetConstructor(Type.EmptyTypes));
        Assert.NotNull(create);
        Assert.Equal(typeof(IEnumerable<object>), create.ReturnType);
    }

    [Theory]
    [MemberData(nameof(DisplayTypes))]
    public void Formatters_HaveAMimeTypeAndBoolFormatOfObjectAndTextWriter(Type displayType)
    {
        foreach (var formatter in FormattersOf(displayType))
        {
            var type = formatter.GetType();
            var mimeType = type.GetProperty("MimeType", BindingFlags.Public | BindingFlags.Instance);
            var format = type.GetMethod("Format", BindingFlags.Public | BindingFlags.Instance, [typeof(object), typeof(TextWriter)]);

            Assert.NotNull(mimeType);
            Assert.Equal(typeof(string), mimeType.PropertyType);
            Assert.NotNull(format);
            Assert.Equal(typeof(bool), format.ReturnType);
        }
    }

    [Theory]
    [MemberData(nameof(DisplayTypes))]
    public void Formatters_WriteHtmlAndTextAndEveryPreferredMimeType_OnceEach(Type displayType)
    {
        var mimeTypes = FormattersOf(displayType).Select(MimeTypeOf).ToList();

        Assert.Equal(mimeTypes.Distinct(), mimeTypes);
        Assert.Contains(MimeTypes.Html, mimeTypes);
        Assert.Contains(MimeTypes.PlainText, mimeTypes);
        Assert.Subset(mimeTypes.ToHashSet(), (AttributeOf(displayType).PreferredMimeTypes ?? []).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(DisplayTypes))]
    public void Format_ValueOfAnotherType_ReturnsFalseAndWritesNothing(Type displayType)
    {
        foreach (var formatter in FormattersOf(displayType))
        {
            using var writer = new StringWriter();

            Assert.False(Format(formatter, "not a " + displayType.Name, writer));
            Assert.Equal("", writer.ToString());
        }
    }

    [Fact]
    public async Task HttpExchange_FormatsAsEncodedHtmlAndAsItsText()
    {
        var exchange = await ExchangeAsync("<script>alert(1)</script>");

        var output = FormatAll(exchange);

        Assert.Equal(exchange.ToString(), output[MimeTypes.PlainText]);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", output[MimeTypes.Html], StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", output[MimeTypes.Html], StringComparison.Ordinal);
    }

    [Fact]
    public void CheckResult_FormatsAsTableTextAndCheckJson()
    {
        var result = new CheckResult("00.1", "Greet <by> name", CheckOutcome.Incorrect, "Incorrect: 1 of 2 cases fail.",
            [new("first", CaseOutcome.Passed, ""), new("second", CaseOutcome.Failed, "Expected \"a\", got \"b\".")]);

        var output = FormatAll(result);

        Assert.Equal(result.ToJson(), output[MimeTypes.CheckResult]);
        Assert.Equal(result.ToString(), output[MimeTypes.PlainText]);
        Assert.Contains("<table>", output[MimeTypes.Html], StringComparison.Ordinal);
        Assert.Contains("Greet &lt;by&gt; name", output[MimeTypes.Html], StringComparison.Ordinal);
        Assert.Contains("Expected &quot;a&quot;, got &quot;b&quot;.", output[MimeTypes.Html], StringComparison.Ordinal);
    }

    [Fact]
    public void ExerciseNote_FormatsCodeAsPreformattedHtml()
    {
        var note = new ExerciseNote("Solution for 00.1", "string Greet(string name) => $\"Hello, {name}!\";", IsCode: true);

        var output = FormatAll(note);

        Assert.Equal(note.ToString(), output[MimeTypes.PlainText]);
        Assert.Contains("<pre", output[MimeTypes.Html], StringComparison.Ordinal);
        Assert.Contains("string Greet(string name) =&gt; $&quot;Hello, {name}!&quot;;", output[MimeTypes.Html], StringComparison.Ordinal);
    }

    private static IEnumerable<Type> LibraryDisplayTypes() =>
        typeof(TypeFormatterSourceAttribute).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(inherit: false).Any(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static TypeFormatterSourceAttribute AttributeOf(Type displayType) =>
        Assert.Single(displayType.GetCustomAttributes<TypeFormatterSourceAttribute>(inherit: false));

    /// <summary>The formatters, created the way the kernel creates them: by reflection, through the attribute.</summary>
    private static List<object> FormattersOf(Type displayType)
    {
        var sourceType = AttributeOf(displayType).FormatterSourceType;
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = (IEnumerable<object>)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
        return [.. formatters];
    }

    private static string MimeTypeOf(object formatter) => (string)formatter.GetType().GetProperty("MimeType")!.GetValue(formatter)!;

    private static bool Format(object formatter, object value, TextWriter writer) =>
        (bool)formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!.Invoke(formatter, [value, writer])!;

    private static Dictionary<string, string> FormatAll(object value)
    {
        var output = new Dictionary<string, string>();
        foreach (var formatter in FormattersOf(value.GetType()))
        {
            using var writer = new StringWriter();
            Assert.True(Format(formatter, value, writer));
            output[MimeTypeOf(formatter)] = writer.ToString();
        }
        return output;
    }

    private static async Task<HttpExchange> ExchangeAsync(string body)
    {
        var (client, _) = StubHandler.Client(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
        using (client)
        {
            return await HttpExchange.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/"));
        }
    }
}
