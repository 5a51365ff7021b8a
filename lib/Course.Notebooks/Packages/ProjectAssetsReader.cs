using System.Text.Json;

namespace Course.Notebooks.Packages;

/// <summary>
/// Reads the runtime assets of a restore from <c>obj/project.assets.json</c>: for every package of the
/// RID-less target, its <c>runtime</c> assets, replaced by RID-specific <c>runtimeTargets</c> runtime assets
/// when the package has some for the best-matching RID, plus its native assets for that RID.
/// </summary>
internal static class ProjectAssetsReader
{
    private const string Placeholder = "_._";

    /// <summary>The assets as full paths; throws <see cref="PackageRestoreException"/> when the file does not fit.</summary>
    public static (List<string> Assemblies, List<string> NativeLibraries) Read(
        string assetsPath, string targetFramework, IReadOnlyList<string> ridChain)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(assetsPath));
        var root = document.RootElement;

        var packageFolders = new List<string>();
        if (root.TryGetProperty("packageFolders", out var folders) && folders.ValueKind == JsonValueKind.Object)
        {
            packageFolders.AddRange(folders.EnumerateObject().Select(f => f.Name));
        }

        if (!root.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
        {
            throw new PackageRestoreException($"{assetsPath} has no targets");
        }
        var target = FindTarget(targets, targetFramework)
            ?? throw new PackageRestoreException($"{assetsPath} has no target for {targetFramework}");

        var libraries = root.TryGetProperty("libraries", out var libs) ? libs : default;
        var assemblies = new List<string>();
        var natives = new List<string>();
        foreach (var library in target.EnumerateObject())
        {
            if (!IsPackage(library.Value))
            {
                continue;
            }
            var packageDirectory = FindPackageDirectory(library.Name, libraries, packageFolders);

            var runtime = Paths(library.Value, "runtime");
            var (ridRuntime, ridNative) = BestRuntimeTargets(library.Value, ridChain);
            assemblies.AddRange((ridRuntime ?? runtime).Where(IsRealAsset).Select(p => FullPath(packageDirectory, p)));
            natives.AddRange((ridNative ?? []).Where(IsRealAsset).Select(p => FullPath(packageDirectory, p)));
        }
        return (assemblies, natives);
    }

    private static JsonElement? FindTarget(JsonElement targets, string targetFramework)
    {
        if (targets.TryGetProperty(targetFramework, out var exact))
        {
            return exact;
        }
        // The key is NuGet's short folder name, which can differ from the TargetFramework property
        // (net10.0-windows is keyed net10.0-windows7.0); there is only one RID-less target here.
        var ridLess = targets.EnumerateObject().Where(t => !t.Name.Contains('/', StringComparison.Ordinal)).ToList();
        return ridLess.Count == 1 ? ridLess[0].Value : null;
    }

    private static bool IsPackage(JsonElement library) =>
        library.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("package");

    private static IEnumerable<string> Paths(JsonElement library, string group) =>
        library.TryGetProperty(group, out var assets) && assets.ValueKind == JsonValueKind.Object
            ? assets.EnumerateObject().Select(a => a.Name).ToList()
            : [];

    /// <summary>
    /// For each asset type, the assets of the first RID in the chain that the package has any for
    /// (a placeholder counts: it means "nothing for this RID"); null when no RID in the chain matches.
    /// </summary>
    private static (List<string>? Runtime, List<string>? Native) BestRuntimeTargets(JsonElement library, IReadOnlyList<string> ridChain)
    {
        if (!library.TryGetProperty("runtimeTargets", out var runtimeTargets) || runtimeTargets.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }
        var entries = runtimeTargets.EnumerateObject()
            .Select(e => (Path: e.Name, AssetType: StringProperty(e.Value, "assetType"), Rid: StringProperty(e.Value, "rid")))
            .ToList();

        List<string>? Best(string assetType)
        {
            foreach (var rid in ridChain)
            {
                var matching = entries
                    .Where(e => string.Equals(e.AssetType, assetType, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(e.Rid, rid, StringComparison.OrdinalIgnoreCase))
                    .Select(e => e.Path)
                    .ToList();
                if (matching.Count > 0)
                {
                    return matching;
                }
            }
            return null;
        }

        return (Best("runtime"), Best("native"));
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string FindPackageDirectory(string libraryKey, JsonElement libraries, List<string> packageFolders)
    {
        string? relative = null;
        if (libraries.ValueKind == JsonValueKind.Object && libraries.TryGetProperty(libraryKey, out var library))
        {
            relative = StringProperty(library, "path");
        }
        // Fall back to NuGet's layout: <lowercase id>/<lowercase version>.
        relative ??= libraryKey.ToLowerInvariant();

        foreach (var folder in packageFolders)
        {
            var directory = Path.GetFullPath(Path.Combine(folder, relative));
            if (Directory.Exists(directory))
            {
                return directory;
            }
        }
        throw new PackageRestoreException(
            $"package {libraryKey.Replace('/', ' ')} was restored but is in none of the package folders ({string.Join(", ", packageFolders)})");
    }

    private static bool IsRealAsset(string relativePath) =>
        !string.Equals(Path.GetFileName(relativePath), Placeholder, StringComparison.Ordinal);

    private static string FullPath(string packageDirectory, string relativePath) =>
        Path.GetFullPath(Path.Combine(packageDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar)));
}
