using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Notebooks.IO;

namespace Course.Cli.Exercises;

/// <summary>
/// The learner's progress, kept outside the notebooks in <c>.course/progress.json</c> under the course root:
/// the last check of each exercise, merged by exercise id. Writes are atomic and serialised by a lock file
/// (<c>progress.json.lock</c>), so checks that end together (two <c>course check</c>s, or one and the kernel) keep
/// each other's results. A file that cannot be read in full is read as far as it can be (a hand edit with a
/// trailing comma loses nothing); the next write keeps the unreadable file beside it as a backup.
/// </summary>
internal sealed class ProgressStore(string path, TimeProvider time)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter<ExerciseStatus>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    private static readonly JsonReaderOptions s_lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>How long a write waits for another writer to finish before it gives up.</summary>
    internal static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    public string Path { get; } = path;

    /// <summary>The lock file that serialises read-merge-write.</summary>
    public string LockPath => Path + ".lock";

    /// <summary>The store of the course at <paramref name="root"/>.</summary>
    public static ProgressStore For(string root, TimeProvider time) => new(System.IO.Path.Combine(root, ".course", "progress.json"), time);

    /// <summary>
    /// The last check of every exercise checked so far; empty when there is no file yet. When the file cannot be read
    /// in full, the records that can be read are returned and <paramref name="problem"/> says so, in one line.
    /// </summary>
    public IReadOnlyDictionary<string, ExerciseProgress> Load(out string? problem) => Read(out problem);

    /// <summary>
    /// Records <paramref name="reports"/> as checked now, keeping every other exercise's entry. Waits (up to
    /// <see cref="LockWait"/>) while another check writes. When the file could not be read in full, it is moved to a
    /// backup beside it first, and the returned line says so (with what was kept); otherwise null.
    /// </summary>
    /// <exception cref="IOException">The file could not be written, or another writer held it too long; it is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable; the file is left as it was.</exception>
    public string? Record(IEnumerable<ExerciseReport> reports)
    {
        var now = time.GetUtcNow();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        using var writing = AcquireLock();
        var exercises = new SortedDictionary<string, ExerciseProgress>(Read(out var problem).ToDictionary(), StringComparer.Ordinal);
        string? notice = null;
        if (problem is not null && File.Exists(Path))
        {
            var backup = $"{Path}.unreadable-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            File.Copy(Path, backup, overwrite: true);
            notice = $"{problem}; kept it as {backup}";
        }
        foreach (var report in reports)
        {
            exercises[report.Id] = new ExerciseProgress(report.Title, report.Status, now, report.Message);
        }
        var json = JsonSerializer.Serialize(new ProgressFile(exercises), s_json) + "\n";
        AtomicFile.WriteAllBytes(Path, Encoding.UTF8.GetBytes(json));
        return notice;
    }

    private FileStream AcquireLock()
    {
        var deadline = time.GetUtcNow() + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(LockPath) && time.GetUtcNow() < deadline)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(50)); // another check is writing: it takes milliseconds
            }
            catch (IOException) when (File.Exists(LockPath))
            {
                throw new IOException($"another check kept {Path} busy for {LockWait.TotalSeconds:0} s; run the check again");
            }
        }
    }

    private Dictionary<string, ExerciseProgress> Read(out string? problem)
    {
        problem = null;
        var exercises = new Dictionary<string, ExerciseProgress>(StringComparer.Ordinal);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return exercises;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{Path} could not be read ({e.Message.Split('\n')[0].TrimEnd('\r')})";
            return exercises;
        }

        var skipped = 0;
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }
        var reader = new Utf8JsonReader(bytes, s_lenient);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = $"{Path} could not be read (it does not hold the course's records)";
                return exercises;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isExercises = string.Equals(reader.GetString(), "exercises", StringComparison.OrdinalIgnoreCase);
                reader.Read();
                if (!isExercises || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var id = reader.GetString()!;
                    reader.Read();
                    using var record = JsonDocument.ParseValue(ref reader);
                    if (TryRecord(record.RootElement) is { } progress)
                    {
                        exercises[id] = progress;
                    }
                    else
                    {
                        skipped++;
                    }
                }
            }
            // Strict reading finds what the lenient one let through (a trailing comma, a comment), for the message.
            JsonDocument.Parse(bytes).Dispose();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {e.BytePositionInLine + 1}" : "somewhere";
            problem = $"{Path} could not be read in full (it is not valid JSON at {where}: a hand edit?); {Kept(exercises.Count)} that could be read are kept";
            return exercises;
        }
        if (skipped > 0)
        {
            problem = $"{Path} could not be read in full ({skipped} of its records are not in the course's format); {Kept(exercises.Count)} that could be read are kept";
        }
        return exercises;
    }

    private static string Kept(int count) => count == 1 ? "the 1 result" : $"the {count} results";

    private static ExerciseProgress? TryRecord(JsonElement element)
    {
        try
        {
            return element.Deserialize<ExerciseProgress>(s_json) is { Title: not null, Message: not null } progress && Enum.IsDefined(progress.Status) ? progress : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ProgressFile(IDictionary<string, ExerciseProgress>? Exercises);
}
