using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Course.Pagination;

/// <summary>
/// Turns a <see cref="KeysetPosition{TKey}"/> into an opaque, signed cursor and back:
/// <c>base64url(JSON {"k":key,"i":id,"d":"n"|"p"}) + "." + base64url(HMAC-SHA256 of that text)</c>.
/// Opaque means clients cannot build one from a guess; signed means a modified one is detected
/// (<see cref="TryDecode{TKey}"/> returns <see langword="false"/>, and the API answers 400).
/// It is not encrypted: anyone can read the key inside — sign, do not hide secrets in it.
/// </summary>
public sealed class CursorCodec
{
    private const int MinimumSecretLength = 32;
    private readonly byte[] _secret;

    /// <summary>A codec that signs with <paramref name="secret"/> (the same secret on every server that reads the cursors).</summary>
    /// <param name="secret">At least 32 bytes.</param>
    /// <exception cref="ArgumentException">The secret is shorter than 32 bytes.</exception>
    public CursorCodec(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"A cursor secret needs at least {MinimumSecretLength} bytes; this one has {secret.Length}.", nameof(secret));
        }
        _secret = secret.ToArray();
    }

    /// <summary>A codec with a fresh random 32-byte secret: cursors it makes are readable only by this instance.</summary>
    public static CursorCodec CreateRandom() => new(RandomNumberGenerator.GetBytes(MinimumSecretLength));

    /// <summary>The cursor for a page that starts at <paramref name="position"/> and walks <paramref name="direction"/>.</summary>
    /// <typeparam name="TKey">The sort key's type (anything System.Text.Json writes and reads back).</typeparam>
    /// <param name="position">The boundary row's key and id.</param>
    /// <param name="direction">Which way the page walks from it.</param>
    /// <returns>A URL-safe string (no padding, no characters that need escaping in a query string).</returns>
    /// <exception cref="ArgumentException">The key is <see langword="null"/> (such a cursor could never be read back).</exception>
    public string Encode<TKey>(KeysetPosition<TKey> position, PageDirection direction)
    {
        if (position.Key is null)
        {
            throw new ArgumentException("A keyset position needs a key; null keys cannot be paged by keyset.", nameof(position));
        }
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("k");
            JsonSerializer.Serialize(writer, position.Key);
            writer.WriteNumber("i", position.Id);
            writer.WriteString("d", direction == PageDirection.Next ? "n" : "p");
            writer.WriteEndObject();
        }
        var payload = Base64Url.EncodeToString(buffer.ToArray());
        return payload + "." + Sign(payload);
    }

    /// <summary>
    /// Reads a cursor back. <see langword="false"/> for a missing or empty cursor, one that is not
    /// <c>payload.signature</c>, a payload with any character outside the base64url alphabet (no padding, no
    /// whitespace), a signature that does not match (compared in constant time), malformed JSON or a missing field,
    /// or a key that is null or not a <typeparamref name="TKey"/> (it must read back and write exactly the signed JSON;
    /// types that write the same JSON, such as <see cref="long"/> 5 and <see cref="double"/> 5, cannot be told apart).
    /// Extra JSON fields are ignored (they are covered by the signature). The direction is returned, not checked:
    /// the caller walks the way the cursor says.
    /// </summary>
    /// <typeparam name="TKey">The sort key's type the cursor must hold.</typeparam>
    /// <param name="cursor">What the client sent.</param>
    /// <param name="position">The boundary row's key and id, when valid.</param>
    /// <param name="direction">Which way the page walks, when valid.</param>
    /// <returns>Whether the cursor is one this codec made, unmodified.</returns>
    public bool TryDecode<TKey>(string? cursor, out KeysetPosition<TKey> position, out PageDirection direction)
    {
        position = default;
        direction = PageDirection.Next;
        if (string.IsNullOrEmpty(cursor))
        {
            return false;
        }
        var dot = cursor.IndexOf('.');
        if (dot <= 0 || dot != cursor.LastIndexOf('.'))
        {
            return false;
        }
        var payload = cursor[..dot];
        // Strict base64url: the decoder would skip whitespace and accept padding, so the text the MAC covers
        // would not be exactly the text that is decoded. Only the 64 URL-safe characters are allowed.
        if (!IsBase64Url(payload))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(payload));
        var actual = Encoding.UTF8.GetBytes(cursor[(dot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return false;
        }
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(payload));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("k", out var key)
                || !root.TryGetProperty("i", out var id) || !id.TryGetInt64(out var idValue)
                || !root.TryGetProperty("d", out var way) || way.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            var keyValue = key.Deserialize<TKey>();
            // A key minted as another type (a string read back as a DateTime or a Guid, say) is refused:
            // the key read back has to write exactly the JSON that was signed.
            if (keyValue is null || JsonSerializer.Serialize(keyValue) != key.GetRawText())
            {
                return false;
            }
            switch (way.GetString())
            {
                case "n":
                    direction = PageDirection.Next;
                    break;
                case "p":
                    direction = PageDirection.Previous;
                    break;
                default:
                    return false;
            }
            position = new KeysetPosition<TKey>(keyValue!, idValue);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException or InvalidOperationException)
        {
            position = default;
            direction = PageDirection.Next;
            return false;
        }
    }

    private string Sign(string payload) => Base64Url.EncodeToString(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(payload)));

    private static bool IsBase64Url(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }
        return true;
    }
}
