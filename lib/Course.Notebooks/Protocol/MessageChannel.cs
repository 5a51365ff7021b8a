using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Course.Notebooks.Protocol;

/// <summary>Reads and writes newline-delimited JSON messages on a stream. Writes are serialised by a lock.</summary>
internal sealed class MessageChannel<TIn, TOut>(Stream stream, JsonTypeInfo<TIn> inInfo, JsonTypeInfo<TOut> outInfo) : IDisposable
{
    private readonly StreamReader _reader = new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
    private readonly Lock _writeLock = new();

    /// <summary>Blocks until a message arrives; null when the other side closed the pipe.</summary>
    public TIn? Read()
    {
        while (true)
        {
            var line = _reader.ReadLine();
            if (line is null)
            {
                return default;
            }
            if (line.Length > 0)
            {
                return JsonSerializer.Deserialize(line, inInfo);
            }
        }
    }

    /// <summary>Writes one message; returns false if the other side is gone.</summary>
    public bool Write(TOut message)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, outInfo);
        lock (_writeLock)
        {
            try
            {
                stream.Write(bytes);
                stream.WriteByte((byte)'\n');
                stream.Flush();
                return true;
            }
            catch (IOException)
            {
                return false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        stream.Dispose();
    }
}
