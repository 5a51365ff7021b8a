using System.Buffers.Text;
using System.Text;
using Course.Pagination;

namespace Course.Lib.Tests.Pagination;

public class CursorCodecTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Encode_ThenTryDecode_RoundTripsKeyIdAndDirection()
    {
        var codec = new CursorCodec(Secret);

        var next = codec.Encode(new KeysetPosition<long>(1_767_225_600_000, 12345), PageDirection.Next);
        var previous = codec.Encode(new KeysetPosition<string>("O'Brien & \"Sons\" ✓", 7), PageDirection.Previous);

        Assert.True(codec.TryDecode<long>(next, out var p1, out var d1));
        Assert.Equal((new KeysetPosition<long>(1_767_225_600_000, 12345), PageDirection.Next), (p1, d1));
        Assert.True(codec.TryDecode<string>(previous, out var p2, out var d2));
        Assert.Equal((new KeysetPosition<string>("O'Brien & \"Sons\" ✓", 7), PageDirection.Previous), (p2, d2));
    }

    [Fact]
    public void Encode_IsUrlSafePayloadDotSignatureOfJson()
    {
        var cursor = new CursorCodec(Secret).Encode(new KeysetPosition<double>(9.5, 3), PageDirection.Next);

        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$", cursor);
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor.Split('.')[0]));
        Assert.Equal("{\"k\":9.5,\"i\":3,\"d\":\"n\"}", json);
    }

    [Fact]
    public void Encode_SameInput_GivesTheSameCursor()
    {
        var codec = new CursorCodec(Secret);

        Assert.Equal(codec.Encode(new KeysetPosition<long>(5, 6), PageDirection.Next), codec.Encode(new KeysetPosition<long>(5, 6), PageDirection.Next));
        Assert.NotEqual(codec.Encode(new KeysetPosition<long>(5, 6), PageDirection.Next), codec.Encode(new KeysetPosition<long>(5, 6), PageDirection.Previous));
    }

    [Fact]
    public void TryDecode_AnyCharacterChanged_IsRejected()
    {
        var codec = new CursorCodec(Secret);
        var cursor = codec.Encode(new KeysetPosition<long>(1_767_225_600_000, 12345), PageDirection.Next);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

        for (var i = 0; i < cursor.Length; i++)
        {
            foreach (var replacement in new[] { Alphabet[(Alphabet.IndexOf(cursor[i]) + 1) % Alphabet.Length], '=', '+' })
            {
                var tampered = cursor[..i] + replacement + cursor[(i + 1)..];
                Assert.False(codec.TryDecode<long>(tampered, out _, out _), $"accepted {tampered} (character {i} changed)");
            }
        }
    }

    [Fact]
    public void TryDecode_PayloadReplacedButOldSignatureKept_IsRejected()
    {
        var codec = new CursorCodec(Secret);
        var cursor = codec.Encode(new KeysetPosition<long>(100, 1), PageDirection.Next);
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"k\":999,\"i\":1,\"d\":\"n\"}")) + "." + cursor.Split('.')[1];

        Assert.False(codec.TryDecode<long>(forged, out _, out _));
    }

    [Fact]
    public void TryDecode_SignatureTruncatedExtendedOrMissing_IsRejected()
    {
        var codec = new CursorCodec(Secret);
        var cursor = codec.Encode(new KeysetPosition<long>(100, 1), PageDirection.Next);

        Assert.False(codec.TryDecode<long>(cursor[..^1], out _, out _));
        Assert.False(codec.TryDecode<long>(cursor + "A", out _, out _));
        Assert.False(codec.TryDecode<long>(cursor.Split('.')[0], out _, out _));
        Assert.False(codec.TryDecode<long>(cursor.Split('.')[0] + ".", out _, out _));
        Assert.False(codec.TryDecode<long>(cursor + "." + cursor.Split('.')[1], out _, out _));
    }

    [Fact]
    public void TryDecode_AnotherSecret_IsRejected()
    {
        var cursor = new CursorCodec(Secret).Encode(new KeysetPosition<long>(100, 1), PageDirection.Next);

        Assert.False(new CursorCodec(Secret.Reverse().ToArray()).TryDecode<long>(cursor, out _, out _));
        Assert.False(CursorCodec.CreateRandom().TryDecode<long>(cursor, out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("not base64!.sig")]
    [InlineData(".")]
    public void TryDecode_MissingOrMalformed_IsRejected(string? cursor)
    {
        Assert.False(new CursorCodec(Secret).TryDecode<long>(cursor, out var position, out _));
        Assert.Equal(default, position);
    }

    [Fact]
    public void TryDecode_SignedButNotOurJsonShape_IsRejected()
    {
        var codec = new CursorCodec(Secret);
        foreach (var json in new[] { "[1,2]", "{\"k\":1}", "{\"k\":1,\"i\":\"x\",\"d\":\"n\"}", "{\"k\":1,\"i\":2,\"d\":\"sideways\"}", "{\"k\":null,\"i\":2,\"d\":\"n\"}", "not json" })
        {
            var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
            var signed = payload + "." + SignatureOf(codec, payload);

            Assert.False(codec.TryDecode<long>(signed, out _, out _), json);
        }
    }

    [Fact]
    public void TryDecode_WrongKeyType_IsRejected()
    {
        var codec = new CursorCodec(Secret);
        var stringKey = codec.Encode(new KeysetPosition<string>("abc", 1), PageDirection.Next);
        var doubleKey = codec.Encode(new KeysetPosition<double>(1.5, 1), PageDirection.Next);

        Assert.False(codec.TryDecode<long>(stringKey, out _, out _));
        Assert.False(codec.TryDecode<long>(doubleKey, out _, out _));
        Assert.False(codec.TryDecode<string>(codec.Encode(new KeysetPosition<long>(5, 1), PageDirection.Next), out _, out _));
        Assert.False(codec.TryDecode<string>(codec.Encode(new KeysetPosition<string>(null!, 1), PageDirection.Next), out _, out _));
    }

    [Fact]
    public void Constructor_ShortSecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CursorCodec(new byte[31]));
    }

    [Fact]
    public void CreateRandom_TwoCodecs_SignDifferently()
    {
        var position = new KeysetPosition<long>(1, 1);

        Assert.NotEqual(CursorCodec.CreateRandom().Encode(position, PageDirection.Next), CursorCodec.CreateRandom().Encode(position, PageDirection.Next));
    }

    // The signature a codec gives a payload, read off a cursor it encodes: no access to internals needed.
    private static string SignatureOf(CursorCodec codec, string payload)
    {
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Secret, Encoding.ASCII.GetBytes(payload));
        return Base64Url.EncodeToString(mac);
    }
}
