using System.Text.Json.Nodes;

namespace Course.Kernel.Protocol;

/// <summary>
/// One message of the Jupyter messaging protocol: the routing identities, the header, the parent
/// header (the request a reply or output belongs to), metadata and content.
/// </summary>
/// <param name="Identities">ZeroMQ routing frames before the delimiter; a reply goes back with the request's.</param>
/// <param name="Header">msg_id, session, username, date, msg_type, version.</param>
/// <param name="ParentHeader">The header of the message this one answers; empty for none.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="Content">The message's content, shaped by its type.</param>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The message type, e.g. <c>execute_request</c>.</summary>
    public string Type => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>The message id.</summary>
    public string Id => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary>The client session the message came from.</summary>
    public string Session => Header["session"]?.GetValue<string>() ?? "";

    /// <summary>
    /// A new message of type <paramref name="type"/> in answer to (or caused by) <paramref name="parent"/>:
    /// it carries the parent's header and, for replies on the same socket, its identities.
    /// </summary>
    public static JupyterMessage Create(string type, JsonObject content, JupyterMessage? parent, string session, TimeProvider time,
        IReadOnlyList<byte[]>? identities = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(time);
        var header = new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString("N"),
            ["session"] = session,
            ["username"] = "kernel",
            ["date"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["msg_type"] = type,
            ["version"] = ProtocolVersion,
        };
        return new JupyterMessage(
            identities ?? parent?.Identities ?? [],
            header,
            parent is null ? [] : (JsonObject)parent.Header.DeepClone(),
            [],
            content);
    }
}
