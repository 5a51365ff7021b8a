using System.Globalization;

namespace Course.Http;

/// <summary>How a message body is shown: as text when its media type is textual, else as its size and type.</summary>
internal static class BodyText
{
    /// <summary>True for media types whose bytes read as text: none given, <c>text/*</c>, JSON, XML, JavaScript, urlencoded forms.</summary>
    public static bool LooksTextual(string mediaType) =>
        mediaType.Length == 0 || mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Contains("javascript", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>A binary body: <c>&lt;1,025 bytes of image/png&gt;</c>.</summary>
    public static string Binary(int length, string mediaType) =>
        string.Create(CultureInfo.InvariantCulture, $"<{length:N0} bytes of {(mediaType.Length == 0 ? "unknown type" : mediaType)}>");
}
