using System.Text;
using Course.Kernel.Protocol;

namespace Course.Kernel.Tests.Protocol;

public class MessageSignerTests
{
    private static readonly byte[] Header = """{"msg_id":"1","msg_type":"kernel_info_request"}"""u8.ToArray();
    private static readonly byte[] Empty = "{}"u8.ToArray();

    [Fact]
    public void Sign_MatchesPythonsHmacOverTheFourFrames()
    {
        // Known answer from CPython: hmac.new(key, digestmod=hashlib.sha256), update() with each frame, hexdigest().
        var signer = new MessageSigner("a0436f6c-1916-498b-8eb9-e81ab9368e84");

        Assert.Equal("23d21ade63d42fc48bbe2721cd9045ceffb260c3521b7d246495f23adfca79a0", signer.Sign(Header, Empty, Empty, Empty));
    }

    [Fact]
    public void Verify_ItsOwnSignature_IsTrue_AndAnyChangedFrameIsFalse()
    {
        var signer = new MessageSigner("secret");
        var signature = signer.Sign(Header, Empty, Empty, Empty);

        Assert.True(signer.Verify(signature, Header, Empty, Empty, Empty));
        Assert.False(signer.Verify(signature, Header, Empty, Empty, """{"code":"1"}"""u8));
        Assert.False(new MessageSigner("other").Verify(signature, Header, Empty, Empty, Empty));
    }

    [Fact]
    public void EmptyKey_SignsNothing_AndAcceptsOnlyAnEmptySignature()
    {
        var signer = new MessageSigner("");

        Assert.False(signer.IsSigning);
        Assert.Equal("", signer.Sign(Header, Empty, Empty, Empty));
        Assert.True(signer.Verify("", Header, Empty, Empty, Empty));
        Assert.False(signer.Verify("abc", Header, Empty, Empty, Empty));
    }

    [Fact]
    public void UnknownScheme_IsRefusedWithItsName()
    {
        var error = Assert.Throws<NotSupportedException>(() => new MessageSigner("k", "hmac-md5"));

        Assert.Contains("hmac-md5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UpperCaseHex_IsAccepted()
    {
        var signer = new MessageSigner("secret");

        Assert.True(signer.Verify(signer.Sign(Header, Empty, Empty, Empty).ToUpperInvariant(), Header, Empty, Empty, Empty));
    }

    [Fact]
    public void Sign_IsOverUtf8Bytes()
    {
        var signer = new MessageSigner("clé");
        var content = Encoding.UTF8.GetBytes("""{"code":"\"héllo\""}""");

        Assert.Equal(64, signer.Sign(Header, Empty, Empty, content).Length);
        Assert.True(signer.Verify(signer.Sign(Header, Empty, Empty, content), Header, Empty, Empty, content));
    }
}
