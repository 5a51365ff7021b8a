using Course.Notebooks.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Course.Notebooks.Packages;

/// <summary>
/// The on-disk cache: one folder per package set, named by <see cref="ComputeKey"/>, whose
/// <c>resolved.json</c> lists the files a finished restore produced.
/// </summary>
internal static class PackageCache
{
    public const string ResolvedFileName = "resolved.json";

    // Bump when the layout of the cache folder or of resolved.json changes.
    private const int FormatVersion = 1;

    /// <summary>
    /// A short SHA-256 (hex) of everything that decides the result: target framework, RID, framework
    /// references and the packages sorted by id (case-insensitive) with their versions.
    /// </summary>
    public static string ComputeKey(
        string targetFramework, string runtimeIdentifier, IEnumerable<string> frameworkReferences, IEnumerable<PackageReference> packages)
    {
        var text = new StringBuilder()
            .Append("format=").Append(FormatVersion).Append('\n')
            .Append("tfm=").Append(targetFramework.Trim().ToLowerInvariant()).Append('\n')
            .Append("rid=").Append(runtimeIdentifier.Trim().ToLowerInvariant()).Append('\n');
        foreach (var framework in frameworkReferences.Select(f => f.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))
        {
            text.Append("framework=").Append(framework).Append('\n');
        }
        var lines = new List<string>();
        foreach (var package in packages)
        {
            lines.Add($"{package.Id.Trim().ToLowerInvariant()}/{package.Version.Trim().ToLowerInvariant()}");
        }
        // Sorted (ordinally, as whole id/version lines): any canonical order makes the same set give the same key.
        lines.Sort(StringComparer.Ordinal);
        string? previous = null;
        foreach (var line in lines)
        {
            if (line != previous)
            {
                text.Append("package=").Append(line).Append('\n');
            }
            previous = line;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash)[..20];
    }

    /// <summary>
    /// The cached result, when <paramref name="path"/> exists, is readable and every file it lists
    /// still exists; otherwise null with the reason (for a debug log).
    /// </summary>
    public static RestoreResult? TryRead(string path, out string? reason)
    {
        reason = null;
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || !format.TryGetInt32(out var version) || version != FormatVersion)
            {
                reason = "written by another version";
                return null;
            }
            var assemblies = Strings(root, "assemblies");
            var natives = Strings(root, "nativeLibraries");
            if (assemblies is null || natives is null)
            {
                reason = "incomplete";
                return null;
            }
            if (assemblies.Concat(natives).FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                reason = $"{missing} no longer exists";
                return null;
            }
            return new RestoreResult(assemblies, natives, FromCache: true);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>Writes <c>resolved.json</c> atomically: a temporary file in the same folder, then a rename.</summary>
    public static void Write(string path, IEnumerable<PackageReference> packages, string targetFramework, string runtimeIdentifier, RestoreResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", FormatVersion);
            json.WriteString("targetFramework", targetFramework);
            json.WriteString("runtimeIdentifier", runtimeIdentifier);
            json.WriteStartArray("packages");
            foreach (var package in packages)
            {
                json.WriteStringValue($"{package.Id}/{package.Version}");
            }
            json.WriteEndArray();
            WriteArray(json, "assemblies", result.Assemblies);
            WriteArray(json, "nativeLibraries", result.NativeLibraries);
            json.WriteEndObject();
        }
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static List<string>? Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var values = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.GetString() is not { Length: > 0 } value)
            {
                return null;
            }
            values.Add(value);
        }
        return values;
    }
}
