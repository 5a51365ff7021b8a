using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Course.FastApi;

/// <summary>
/// What one FastAPI app of a notebook answered when it last ran live: its source, the versions, and every exchange in order.
/// The course's recordings are <c>lib/Course.Lib/FastApi/Recordings/NAME.json</c>, embedded in the library; notebooks show
/// them where no Python with FastAPI is installed. <c>COURSE_FASTAPI=record ./course run --all</c> writes them again.
/// </summary>
internal sealed record FastApiRecording(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("versions")] PythonVersions Versions,
    [property: JsonPropertyName("exchanges")] List<RecordedExchange> Exchanges)
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The recording of app <paramref name="name"/> embedded in the library, or null.</summary>
    public static FastApiRecording? Embedded(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"fastapi/recordings/{name}.json");
        return stream is null ? null : JsonSerializer.Deserialize<FastApiRecording>(stream, s_options);
    }

    /// <summary>The names of the recordings embedded in the library.</summary>
    public static IEnumerable<string> EmbeddedNames() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith("fastapi/recordings/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n["fastapi/recordings/".Length..^".json".Length]);

    /// <summary>Writes the recording to <paramref name="directory"/>/NAME.json, atomically (a temporary file, then a rename).</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Name + ".json");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, s_options) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The <paramref name="occurrence"/>-th exchange (0 first) whose request is <paramref name="requestKey"/>, or null.</summary>
    public RecordedExchange? Find(string requestKey, int occurrence) =>
        Exchanges.Where(e => e.RequestKey == requestKey).ElementAtOrDefault(occurrence);
}
