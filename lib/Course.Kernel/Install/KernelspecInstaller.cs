using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Kernel.Install;

/// <summary>
/// Writes and removes the kernelspec (<c>kernel.json</c>) that starts <c>course kernel</c>, with absolute paths
/// valid on this machine. It never replaces a kernelspec it did not write (say, .NET Interactive's) unless forced.
/// </summary>
public static class KernelspecInstaller
{
    private const string Marker = "course";

    /// <summary>The logos Jupyter front ends show for the kernel, written beside <c>kernel.json</c>.</summary>
    public static readonly string[] LogoFiles = ["logo-32x32.png", "logo-64x64.png"];

    /// <summary>Writes <c>kernel.json</c> and the logos into <paramref name="directory"/> (created if needed).</summary>
    /// <param name="directory">The kernelspec folder, e.g. <c>~/.local/share/jupyter/kernels/.net-csharp</c>.</param>
    /// <param name="dotnet">The absolute path of the <c>dotnet</c> host.</param>
    /// <param name="courseDll">The absolute path of <c>course.dll</c>.</param>
    /// <param name="force">Replace a kernelspec that the course did not write.</param>
    /// <param name="cellTimeLimitSeconds">A time limit per cell for the kernel (<c>--cell-time-limit</c>); null: its default.</param>
    /// <exception cref="InvalidOperationException">A foreign kernelspec is there and <paramref name="force"/> is false.</exception>
    public static void Install(string directory, string dotnet, string courseDll, bool force, double? cellTimeLimitSeconds = null)
    {
        var file = Path.Combine(directory, "kernel.json");
        if (File.Exists(file) && !force && !WrittenByCourse(file))
        {
            throw new InvalidOperationException(
                $"{file} was not written by the course (another kernel uses the name). Use --force to replace it, or --name to install under another name.");
        }
        Directory.CreateDirectory(directory);
        var argv = new JsonArray(Path.GetFullPath(dotnet), Path.GetFullPath(courseDll), "kernel", "-f", "{connection_file}");
        if (cellTimeLimitSeconds is { } seconds)
        {
            argv.Add("--cell-time-limit");
            argv.Add(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var spec = new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { [Marker] = new JsonObject { ["written_by"] = "course kernel install" } },
        };
        foreach (var logo in LogoFiles)
        {
            using var source = typeof(KernelspecInstaller).Assembly.GetManifestResourceStream(logo)
                ?? throw new InvalidOperationException($"The kernel's {logo} is missing from the build.");
            using var target = File.Create(Path.Combine(directory, logo));
            source.CopyTo(target);
        }
        File.WriteAllText(file, spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Removes the kernelspec in <paramref name="directory"/>; false when there is none.</summary>
    /// <exception cref="InvalidOperationException">The kernelspec there was not written by the course and <paramref name="force"/> is false.</exception>
    public static bool Uninstall(string directory, bool force)
    {
        var file = Path.Combine(directory, "kernel.json");
        if (!File.Exists(file))
        {
            return false;
        }
        if (!force && !WrittenByCourse(file))
        {
            throw new InvalidOperationException($"{file} was not written by the course; use --force to remove it anyway.");
        }
        Directory.Delete(directory, recursive: true);
        return true;
    }

    private static bool WrittenByCourse(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file))?["metadata"]?[Marker] is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
