using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Course.Http;

/// <summary>
/// Shows a multipart body (<c>multipart/form-data</c> and other <c>multipart/*</c> types) readably: each part's boundary line and headers as sent, the text of
/// form fields and text files, and <c>&lt;N bytes of type&gt;</c> for binary files.
/// </summary>
internal static class MultipartBody
{
    /// <summary>
    /// The body as text, or null when <paramref name="contentType"/> is not multipart with a boundary or the body
    /// does not parse as one.
    /// </summary>
    public static async Task<string?> RenderAsync(byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
            !mediaType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body));
            var text = new StringBuilder();
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                text.Append("--").Append(boundary).Append('\n');
                foreach (var (name, values) in section.Headers ?? [])
                {
                    text.Append(name).Append(": ").Append(values.ToString()).Append('\n');
                }
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken);
                text.Append('\n').Append(Describe(content.ToArray(), section.ContentType)).Append('\n');
            }
            return text.Append("--").Append(boundary).Append("--").ToString();
        }
        catch (Exception e) when (e is IOException or InvalidDataException) // a truncated body; a malformed or oversized part header
        {
            return null;
        }
    }

    /// <summary>
    /// A part's content: its text when it is a form field or a text file, else its size and type. A part without a
    /// <c>Content-Type</c> is shown as text only when its bytes are UTF-8 text.
    /// </summary>
    private static string Describe(byte[] content, string? contentType)
    {
        var mediaType = contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        var isText = mediaType.Length == 0 ? TryDecode(content, out _) : BodyText.LooksTextual(mediaType);
        return isText ? Encoding.UTF8.GetString(content) : BodyText.Binary(content.Length, mediaType);
    }

    /// <summary>True when <paramref name="content"/> is valid UTF-8 without control characters other than tab and line breaks.</summary>
    private static bool TryDecode(byte[] content, out string text)
    {
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
        return !text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));
    }
}
