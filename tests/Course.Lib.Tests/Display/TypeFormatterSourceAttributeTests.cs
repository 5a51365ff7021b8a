using System.Reflection;
using Course.Display;

namespace Course.Lib.Tests.Display;

/// <summary>
/// Polyglot Notebooks finds the attribute by its name and reads it by reflection; anything else is
/// silently ignored there (COURSE.md §3). These tests pin the shape it relies on.
/// </summary>
public class TypeFormatterSourceAttributeTests
{
    [Fact]
    public void Attribute_HasTheNameTheKernelLooksFor()
    {
        Assert.Equal("TypeFormatterSourceAttribute", typeof(TypeFormatterSourceAttribute).Name);
        Assert.True(typeof(TypeFormatterSourceAttribute).IsPublic);
    }

    [Fact]
    public void Attribute_HasAConstructorTakingTheFormatterSourceType()
    {
        var constructor = typeof(TypeFormatterSourceAttribute).GetConstructor([typeof(Type)]);

        Assert.NotNull(constructor);
        Assert.Equal(typeof(string), ((TypeFormatterSourceAttribute)constructor.Invoke([typeof(string)])).FormatterSourceType);
    }

    [Fact]
    public void FormatterSourceType_IsAPublicReadableTypeProperty()
    {
        var property = typeof(TypeFormatterSourceAttribute).GetProperty("FormatterSourceType", BindingFlags.Public | BindingFlags.Instance);

        Assert.NotNull(property);
        Assert.Equal(typeof(Type), property.PropertyType);
        Assert.NotNull(property.GetMethod);
    }

    [Fact]
    public void PreferredMimeTypes_IsAPublicSettableStringArray()
    {
        var property = typeof(TypeFormatterSourceAttribute).GetProperty("PreferredMimeTypes", BindingFlags.Public | BindingFlags.Instance);
        var attribute = new TypeFormatterSourceAttribute(typeof(object)) { PreferredMimeTypes = [MimeTypes.Html] };

        Assert.NotNull(property);
        Assert.Equal(typeof(string[]), property.PropertyType);
        Assert.NotNull(property.SetMethod);
        Assert.Equal([MimeTypes.Html], attribute.PreferredMimeTypes);
    }
}
