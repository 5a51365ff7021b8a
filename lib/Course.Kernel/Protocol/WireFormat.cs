using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Kernel.Protocol;

/// <summary>
/// A message on the wire: the identities, the delimiter <c>&lt;IDS|MSG&gt;</c>, the signature, then
/// header, parent header, metadata and content as UTF-8 JSON (extra buffers after them are ignored).
/// </summary>
public static class WireFormat
{
    /// <summary>The frame that separates routing identities from the message.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    /// <summary>The frames of <paramref name="message"/>, signed by <paramref name="signer"/>.</summary>
    public static List<byte[]> ToFrames(JupyterMessage message, MessageSigner signer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signer);
        var header = Json(message.Header);
        var parent = Json(message.ParentHeader);
        var metadata = Json(message.Metadata);
        var content = Json(message.Content);
        var frames = new List<byte[]>(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.AddRange([header, parent, metadata, content]);
        return frames;
    }

    /// <summary>
    /// Reads a message from its frames. False, with the reason in <paramref name="problem"/>, when the frames
    /// are not a message, the signature does not match, or (given <paramref name="seen"/>) the same signed message
    /// came before: such a message must be ignored.
    /// </summary>
    public static bool TryParse(IReadOnlyList<byte[]> frames, MessageSigner signer, out JupyterMessage? message, out string problem,
        SeenSignatures? seen = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(signer);
        message = null;
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.Count < delimiter + 6)
        {
            problem = delimiter < 0 ? "no <IDS|MSG> delimiter" : $"{frames.Count - delimiter - 1} frames after the delimiter, 5 expected";
            return false;
        }
        var signature = Encoding.ASCII.GetString(frames[delimiter + 1]);
        var (header, parent, metadata, content) = (frames[delimiter + 2], frames[delimiter + 3], frames[delimiter + 4], frames[delimiter + 5]);
        if (!signer.Verify(signature, header, parent, metadata, content))
        {
            problem = "the signature does not match the connection key";
            return false;
        }
        if (signer.IsSigning && seen is not null && !seen.TryAdd(signature))
        {
            problem = "a replayed message (the same signed message came before)";
            return false;
        }
        try
        {
            message = new JupyterMessage([.. frames.Take(delimiter)], Object(header), Object(parent), Object(metadata), Object(content));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problem = "a frame is not a JSON object: " + e.Message;
            return false;
        }
        problem = "";
        return true;
    }

    private static byte[] Json(JsonObject value) => Encoding.UTF8.GetBytes(value.ToJsonString());

    private static JsonObject Object(byte[] frame) =>
        JsonNode.Parse(frame) as JsonObject ?? throw new InvalidOperationException("expected an object");
}
