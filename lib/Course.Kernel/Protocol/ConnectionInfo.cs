using System.Text.Json;
using System.Text.Json.Serialization;

namespace Course.Kernel.Protocol;

/// <summary>
/// A Jupyter connection file: where the kernel's five sockets listen and the key that signs messages.
/// The client writes it and starts the kernel with <c>-f &lt;file&gt;</c>.
/// </summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    [JsonPropertyName("ip")] public string IP { get; init; } = "127.0.0.1";
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    [JsonPropertyName("iopub_port")] public int IOPubPort { get; init; }
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>The ZeroMQ endpoint of <paramref name="port"/>: <c>tcp://127.0.0.1:port</c>.</summary>
    public string Endpoint(int port) => $"{Transport}://{IP}:{port}";

    /// <summary>Reads a connection file.</summary>
    /// <exception cref="InvalidDataException">The file is not a connection file (the message says why).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ConnectionInfo Load(string path)
    {
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a Jupyter connection file: {e.Message}", e);
        }
        if (info is null)
        {
            throw new InvalidDataException($"{path} is not a Jupyter connection file: it is JSON null.");
        }
        var missing = new (string Name, int Port)[]
        {
            ("shell_port", info.ShellPort), ("iopub_port", info.IOPubPort), ("stdin_port", info.StdinPort),
            ("control_port", info.ControlPort), ("hb_port", info.HeartbeatPort),
        }.Where(p => p.Port is <= 0 or > 65535).Select(p => p.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{path} is not a usable Jupyter connection file: no valid {string.Join(", ", missing)}.");
        }
        return info;
    }
}
