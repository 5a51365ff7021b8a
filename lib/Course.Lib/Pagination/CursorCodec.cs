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
    public string Encode<TKey>(KeysetPosition<TKey> position, PageDirection direction)
    {
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
    /// <c>payload.signature</c>, a signature that does not match (compared in constant time), malformed
    /// base64url or JSON, or a key that is null or not a <typeparamref name="TKey"/>.
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
            if (keyValue is null)
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
}
