using System.Text;
using Course.Notebooks.Sessions;

namespace Course.Notebooks.Execution;

/// <summary>
/// Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> in the worker. Whatever
/// thread writes (the cell, a thread-pool continuation, a request handled by an in-memory server),
/// the text goes to the cell that is running. Text written while no cell runs is held for the next
/// cell, or handed to the log when the session ends. What one cell prints is bounded: after
/// <see cref="CellTextLimit"/> characters or <see cref="CellLineLimit"/> lines, a line says the output was truncated and the rest is dropped,
/// so a cell that prints in an endless loop cannot fill the memory of the notebook's process, of the
/// front end, or of the saved notebook.
/// </summary>
internal sealed class ConsoleRouter
{
    /// <summary>How many characters one cell's console output may hold (about a megabyte of text).</summary>
    public const int CellTextLimit = 1_000_000;

    /// <summary>How many lines one cell's console output may hold (a notebook front end slows down long before).</summary>
    public const int CellLineLimit = 20_000;

    private readonly Lock _lock = new();
    private readonly List<(string Name, StringBuilder Text)> _pending = [];
    private Action<CellOutput>? _sink;
    private long _written;
    private int _lines;

    public ConsoleRouter()
    {
        Out = new RoutedWriter(this, "stdout");
        Error = new RoutedWriter(this, "stderr");
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Routes output to a new cell, first giving it anything written since the last cell ended.</summary>
    public void BeginCell(Action<CellOutput> sink)
    {
        lock (_lock)
        {
            _sink = sink;
            _written = _pending.Sum(p => (long)p.Text.Length);
            _lines = 0;
        }
        Flush();
    }

    /// <summary>Flushes what the cell wrote and stops routing to it.</summary>
    public void EndCell()
    {
        Flush();
        lock (_lock)
        {
            _sink = null;
            _written = 0;
            _lines = 0;
        }
    }

    /// <summary>Sends buffered text to the current cell, in the order it was written.</summary>
    public void Flush()
    {
        List<StreamOutput> outputs;
        Action<CellOutput>? sink;
        lock (_lock)
        {
            sink = _sink;
            if (sink is null || _pending.Count == 0)
            {
                return;
            }
            outputs = _pending.Select(p => new StreamOutput(p.Name, p.Text.ToString())).ToList();
            _pending.Clear();
            // Emit under the lock so that two flushes cannot reorder text.
            foreach (var output in outputs)
            {
                sink(output);
            }
        }
    }

    /// <summary>Takes the text written while no cell was running (at the end of a session).</summary>
    public string TakeOrphanedText()
    {
        lock (_lock)
        {
            var text = string.Concat(_pending.Select(p => p.Text.ToString()));
            _pending.Clear();
            return text;
        }
    }

    private void Append(string name, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }
        lock (_lock)
        {
            var room = CellTextLimit - _written;
            if (room < 0)
            {
                return; // truncated already
            }
            if (_pending.Count == 0 || _pending[^1].Name != name)
            {
                _pending.Add((name, new StringBuilder()));
            }
            var kept = text.Length <= room ? text : text[..(int)room];
            kept = kept[..KeepLines(kept)];
            _pending[^1].Text.Append(kept);
            _written += kept.Length;
            if (kept.Length < text.Length)
            {
                _pending[^1].Text.Append(TruncatedMarker);
                _written = CellTextLimit + 1;
            }
        }
    }

    // How much of text fits in the lines left (counting the lines it completes); updates the count.
    private int KeepLines(ReadOnlySpan<char> text)
    {
        if (_lines >= CellLineLimit)
        {
            return 0;
        }
        var end = 0;
        while (end < text.Length && text[end..].IndexOf('\n') is var next and >= 0)
        {
            end += next + 1;
            if (++_lines >= CellLineLimit)
            {
                return end;
            }
        }
        return text.Length;
    }

    /// <summary>The line that ends a cell's output once it passed <see cref="CellTextLimit"/>.</summary>
    public static readonly string TruncatedMarker =
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"\n… output truncated: the cell printed more than {CellTextLimit:N0} characters or {CellLineLimit:N0} lines, and the rest is not shown (nor saved).\n");

    private sealed class RoutedWriter(ConsoleRouter router, string name) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => router.Append(name, [value]);

        public override void Write(string? value) => router.Append(name, value);

        public override void Write(char[] buffer, int index, int count) => router.Append(name, buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer) => router.Append(name, buffer);

        public override void WriteLine(string? value)
        {
            lock (router._lock)
            {
                router.Append(name, value);
                router.Append(name, CoreNewLine);
            }
        }
    }
}

/// <summary>Console input in a notebook: there is no keyboard, so reading fails at once with a clear message.</summary>
internal sealed class NoConsoleInput : TextReader
{
    public const string Message =
        "Console input is not available in a notebook cell: nothing can be typed while a cell runs. Assign the value in code instead.";

    public override int Peek() => throw new InvalidOperationException(Message);

    public override int Read() => throw new InvalidOperationException(Message);

    public override string ReadLine() => throw new InvalidOperationException(Message);

    public override string ReadToEnd() => throw new InvalidOperationException(Message);
}
