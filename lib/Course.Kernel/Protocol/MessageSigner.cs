using System.Security.Cryptography;
using System.Text;

namespace Course.Kernel.Protocol;

/// <summary>
/// Signs and verifies messages as the Jupyter messaging protocol asks: HMAC-SHA256 with the connection
/// file's key over the four JSON frames (header, parent header, metadata, content), as lower-case hex.
/// An empty key means messages are not signed (the signature frame is empty).
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;

    /// <summary>A signer for <paramref name="key"/> with <paramref name="scheme"/> (only <c>hmac-sha256</c>).</summary>
    /// <exception cref="NotSupportedException">Another scheme.</exception>
    public MessageSigner(string key, string scheme = "hmac-sha256")
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!string.Equals(scheme, "hmac-sha256", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"The connection file asks for signature scheme \"{scheme}\"; this kernel signs with hmac-sha256 only.");
        }
        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>Whether messages are signed at all (the key is not empty).</summary>
    public bool IsSigning => _key.Length > 0;

    /// <summary>The signature of the four frames, as lower-case hex; empty when not signing.</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsSigning)
        {
            return "";
        }
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="signature"/> is the frames' signature, compared in constant time.</summary>
    public bool Verify(string signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(header, parentHeader, metadata, content));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
