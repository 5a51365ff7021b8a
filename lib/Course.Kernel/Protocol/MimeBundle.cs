using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Kernel.Protocol;

/// <summary>A display's data as the protocol carries it: text for most MIME types, a JSON value for <c>application/json</c> and <c>application/…+json</c>.</summary>
internal static class MimeBundle
{
    public static JsonObject ToJson(IReadOnlyDictionary<string, string> data)
    {
        var bundle = new JsonObject();
        foreach (var (mimeType, value) in data)
        {
            bundle[mimeType] = IsJson(mimeType) ? ParseOrText(value) : JsonValue.Create(value);
        }
        return bundle;
    }

    private static bool IsJson(string mimeType) =>
        mimeType == "application/json" || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));

    private static JsonNode? ParseOrText(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }
}
