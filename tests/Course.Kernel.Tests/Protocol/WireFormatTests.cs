using System.Text;
using System.Text.Json.Nodes;
using Course.Kernel.Protocol;

namespace Course.Kernel.Tests.Protocol;

public class WireFormatTests
{
    private static readonly MessageSigner Signer = new("secret");
    private static readonly TimeProvider Time = TimeProvider.System;

    [Fact]
    public void ToFrames_ThenTryParse_GivesTheSameMessage()
    {
        var request = Request("execute_request", new JsonObject { ["code"] = "1 + 1" }, identity: "client-7");

        Assert.True(WireFormat.TryParse(WireFormat.ToFrames(request, Signer), Signer, out var parsed, out var problem), problem);

        Assert.Equal("execute_request", parsed!.Type);
        Assert.Equal("1 + 1", parsed.Content["code"]!.GetValue<string>());
        Assert.Equal("client-7", Encoding.UTF8.GetString(Assert.Single(parsed.Identities)));
    }

    [Fact]
    public void ToFrames_LaysOutIdentitiesDelimiterSignatureAndFourJsonFrames()
    {
        var frames = WireFormat.ToFrames(Request("kernel_info_request", [], identity: "id"), Signer);

        Assert.Equal(7, frames.Count);
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[1]));
        Assert.Equal(Signer.Sign(frames[3], frames[4], frames[5], frames[6]), Encoding.ASCII.GetString(frames[2]));
    }

    [Fact]
    public void TryParse_TheSameSignedMessageTwice_RejectsTheReplay_ButAFreshMessageIsAccepted()
    {
        var seen = new SeenSignatures();
        var frames = WireFormat.ToFrames(Request("execute_request", new JsonObject { ["code"] = "1" }, identity: "id"), Signer);

        Assert.True(WireFormat.TryParse(frames, Signer, out _, out var first, seen), first);
        Assert.False(WireFormat.TryParse(frames, Signer, out var replayed, out var problem, seen));
        Assert.Null(replayed);
        Assert.Contains("replayed", problem, StringComparison.Ordinal);
        var fresh = WireFormat.ToFrames(Request("execute_request", new JsonObject { ["code"] = "1" }, identity: "id"), Signer);
        Assert.True(WireFormat.TryParse(fresh, Signer, out _, out var again, seen), again);
    }

    [Fact]
    public void SeenSignatures_ForgetsTheOldest_BeyondItsCapacity()
    {
        var seen = new SeenSignatures(capacity: 2);

        Assert.True(seen.TryAdd("a"));
        Assert.True(seen.TryAdd("b"));
        Assert.False(seen.TryAdd("A")); // hex compares without case
        Assert.True(seen.TryAdd("c")); // "a" is forgotten
        Assert.True(seen.TryAdd("a"));
        Assert.False(seen.TryAdd("c"));
    }

    [Fact]
    public void TryParse_ATamperedContentFrame_IsRejected()
    {
        var frames = WireFormat.ToFrames(Request("execute_request", new JsonObject { ["code"] = "1" }, identity: "id"), Signer);
        frames[^1] = """{"code":"System.Environment.Exit(1)"}"""u8.ToArray();

        Assert.False(WireFormat.TryParse(frames, Signer, out var parsed, out var problem));
        Assert.Null(parsed);
        Assert.Contains("signature", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WithoutDelimiter_SaysSo()
    {
        Assert.False(WireFormat.TryParse([[1], [2]], Signer, out _, out var problem));
        Assert.Contains("delimiter", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TooFewFrames_SaysHowMany()
    {
        var frames = WireFormat.ToFrames(Request("x", [], identity: "id"), Signer).Take(5).ToList();

        Assert.False(WireFormat.TryParse(frames, Signer, out _, out var problem));
        Assert.Contains("3 frames", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SignedFramesThatAreNotJsonObjects_AreRejected()
    {
        var body = "[1]"u8.ToArray();
        var empty = "{}"u8.ToArray();
        List<byte[]> frames = [WireFormat.Delimiter, Encoding.ASCII.GetBytes(Signer.Sign(body, empty, empty, empty)), body, empty, empty, empty];

        Assert.False(WireFormat.TryParse(frames, Signer, out _, out var problem));
        Assert.Contains("not a JSON object", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AReply_CarriesTheParentHeaderAndIdentities()
    {
        var request = Request("kernel_info_request", [], identity: "client");

        var reply = JupyterMessage.Create("kernel_info_reply", new JsonObject { ["status"] = "ok" }, request, "kernel-session", Time);

        Assert.Equal(request.Id, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Same(request.Identities, reply.Identities);
        Assert.Equal("5.3", reply.Header["version"]!.GetValue<string>());
        Assert.NotEqual(request.Id, reply.Id);
    }

    private static JupyterMessage Request(string type, JsonObject content, string identity) =>
        JupyterMessage.Create(type, content, parent: null, "client-session", Time, [Encoding.UTF8.GetBytes(identity)]);
}
