using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Notebooks.IO;

namespace Course.Cli.Exercises;

/// <summary>
/// The learner's progress, kept outside the notebooks in <c>.course/progress.json</c> under the course root:
/// the last check of each exercise, merged by exercise id. Writes are atomic; a file that cannot be read is
/// reported (<see cref="Load"/>'s <c>problem</c>) and treated as empty, and the next write replaces it.
/// </summary>
internal sealed class ProgressStore(string path, TimeProvider time)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter<ExerciseStatus>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    public string Path { get; } = path;

    /// <summary>The store of the course at <paramref name="root"/>.</summary>
    public static ProgressStore For(string root, TimeProvider time) => new(System.IO.Path.Combine(root, ".course", "progress.json"), time);

    /// <summary>The last check of every exercise checked so far; empty when there is no file yet, or when it cannot be read (then <paramref name="problem"/> says why, in one line).</summary>
    public IReadOnlyDictionary<string, ExerciseProgress> Load(out string? problem)
    {
        problem = null;
        if (!File.Exists(Path))
        {
            return new Dictionary<string, ExerciseProgress>();
        }
        try
        {
            var file = JsonSerializer.Deserialize<ProgressFile>(File.ReadAllBytes(Path), s_json);
            return (file?.Exercises ?? new Dictionary<string, ExerciseProgress>()).Where(p => p.Value is { Title: not null, Message: not null } && Enum.IsDefined(p.Value.Status))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            problem = $"{Path} could not be read ({e.Message.Split('\n')[0].TrimEnd('\r')})";
            return new Dictionary<string, ExerciseProgress>();
        }
    }

    /// <summary>Records <paramref name="reports"/> as checked now, keeping every other exercise's entry; an unreadable file is replaced.</summary>
    /// <exception cref="IOException">The file could not be written; it is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable; the file is left as it was.</exception>
    public void Record(IEnumerable<ExerciseReport> reports)
    {
        var now = time.GetUtcNow();
        var exercises = new SortedDictionary<string, ExerciseProgress>(Load(out _).ToDictionary(), StringComparer.Ordinal);
        foreach (var report in reports)
        {
            exercises[report.Id] = new ExerciseProgress(report.Title, report.Status, now, report.Message);
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var json = JsonSerializer.Serialize(new ProgressFile(exercises), s_json) + "\n";
        AtomicFile.WriteAllBytes(Path, Encoding.UTF8.GetBytes(json));
    }

    private sealed record ProgressFile(IDictionary<string, ExerciseProgress>? Exercises);
}
