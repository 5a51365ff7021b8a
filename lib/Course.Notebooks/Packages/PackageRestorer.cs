using Course.Notebooks.IO;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Course.Notebooks.Packages;

/// <summary>
/// Restores the packages of <c>#r "nuget: Id, Version"</c> directives with a real <c>dotnet restore</c>
/// and caches the result: the same package set on the same platform is restored once, after which
/// <see cref="RestoreAsync"/> only checks that the cached files still exist and starts no process.
/// </summary>
public sealed partial class PackageRestorer
{
    private const string ProjectFileName = "restore.csproj";
    private const string LockFileName = ".lock";

    // Variables an MSBuild or `dotnet run` parent leaves in its children's environment; inherited by
    // `dotnet restore` they point MSBuild at the parent's SDK instead of the one the restore resolves.
    private static readonly string[] InheritedBuildVariables =
    [
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
    ];

    private readonly PackageRestorerOptions _options;
    private readonly ILogger _logger;

    /// <summary>A restorer with its options and an optional logger (cache hits at Debug, restores at Information).</summary>
    public PackageRestorer(PackageRestorerOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The runtime assemblies and native libraries of <paramref name="packages"/> and their whole
    /// dependency closure, for the current platform.
    /// </summary>
    /// <param name="packages">The packages; duplicates (same id and version) are ignored. None gives an empty result.</param>
    /// <param name="cancellationToken">Stops a running restore, killing its process tree.</param>
    /// <exception cref="PackageRestoreException">The restore failed, timed out or could not start.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<RestoreResult> RestoreAsync(IReadOnlyList<PackageReference> packages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        cancellationToken.ThrowIfCancellationRequested();

        var set = Normalize(packages);
        if (set.Count == 0)
        {
            return new RestoreResult([], [], FromCache: true);
        }

        var rid = RuntimeInformation.RuntimeIdentifier;
        var key = PackageCache.ComputeKey(_options.TargetFramework, rid, _options.FrameworkReferences, set);
        var folder = Path.GetFullPath(Path.Combine(_options.CacheDirectory, key));
        var resolvedPath = Path.Combine(folder, PackageCache.ResolvedFileName);
        var description = string.Join(", ", set);

        if (TryReadCache(resolvedPath, description) is { } hit)
        {
            return hit;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            Directory.CreateDirectory(folder);
            using var folderLock = await AcquireLockAsync(Path.Combine(folder, LockFileName), timeout.Token).ConfigureAwait(false);

            // Another process may have finished the same restore while this one waited for the lock.
            if (TryReadCache(resolvedPath, description) is { } filledMeanwhile)
            {
                return filledMeanwhile;
            }

            Log.RunningRestore(_logger, description, folder);
            WriteProject(folder, set);
            var stopwatch = Stopwatch.StartNew();
            await RunRestoreAsync(folder, description, timeout.Token).ConfigureAwait(false);
            var result = ReadAssets(folder);
            Log.Restored(_logger, description, stopwatch.ElapsedMilliseconds, result.Assemblies.Count, result.NativeLibraries.Count);

            PackageCache.Write(resolvedPath, set, _options.TargetFramework, rid, result);
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new PackageRestoreException(
                $"restoring {description} did not finish within {_options.Timeout.TotalSeconds:0.#} s (PackageRestorerOptions.Timeout)");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Cancelled(_logger, description);
            throw new OperationCanceledException($"restoring {description} was cancelled", cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageRestoreException($"could not use the package cache folder {folder}: {e.Message}", e);
        }
    }

    private RestoreResult? TryReadCache(string resolvedPath, string description)
    {
        var cached = PackageCache.TryRead(resolvedPath, out var reason);
        if (cached is not null)
        {
            Log.CacheHit(_logger, description, resolvedPath);
        }
        else if (reason is not null)
        {
            Log.CacheEntryUnusable(_logger, resolvedPath, reason);
        }
        return cached;
    }

    /// <summary>Distinct packages sorted by id; two versions of one id are an error.</summary>
    private static List<PackageReference> Normalize(IReadOnlyList<PackageReference> packages)
    {
        var byId = new Dictionary<string, PackageReference>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in packages)
        {
            ArgumentNullException.ThrowIfNull(package, nameof(packages));
            var trimmed = new PackageReference(package.Id.Trim(), package.Version.Trim());
            if ((PackageReference.ValidateId(trimmed.Id) ?? PackageReference.ValidateVersion(trimmed.Version)) is { } error)
            {
                throw new ArgumentException($"{package.Id} {package.Version}: {error}", nameof(packages));
            }
            if (byId.TryGetValue(trimmed.Id, out var existing))
            {
                if (!string.Equals(existing.Version, trimmed.Version, StringComparison.OrdinalIgnoreCase))
                {
                    throw new PackageRestoreException(
                        $"{trimmed.Id} is referenced with two versions, {existing.Version} and {trimmed.Version}: keep one #r \"nuget: {trimmed.Id}, Version\"");
                }
                continue;
            }
            byId.Add(trimmed.Id, trimmed);
        }
        return [.. byId.Values.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Holds an exclusive lock on <paramref name="path"/> (an OS file lock, so it also excludes other
    /// processes and is released if this one dies), polling until it is free.
    /// </summary>
    private async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var logged = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!logged)
                {
                    Log.WaitingForLock(_logger, path);
                    logged = true;
                }
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes <c>restore.csproj</c> and empty <c>Directory.*</c> files that stop MSBuild from importing a
    /// repository's or user's <c>Directory.Build.props</c>, <c>.targets</c> or central package versions
    /// from folders above the cache.
    /// </summary>
    private void WriteProject(string folder, IReadOnlyList<PackageReference> packages)
    {
        var empty = Encoding.UTF8.GetBytes("<Project />\n");
        foreach (var name in (string[])["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"])
        {
            AtomicFile.WriteAllBytes(Path.Combine(folder, name), empty);
        }

        // Exact versions ([x]): plain "x" means "x or higher" to NuGet, which silently takes a later
        // version when x is not on the feed; a learner who names a version expects that one or an error.
        var project = new XElement("Project",
            new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", _options.TargetFramework),
                new XElement("ManagePackageVersionsCentrally", "false"),
                new XElement("EnableDefaultItems", "false"),
                new XElement("TreatWarningsAsErrors", "false"),
                new XElement("NuGetAudit", "false")),
            new XElement("ItemGroup",
                _options.FrameworkReferences.Select(f => new XElement("FrameworkReference", new XAttribute("Include", f)))),
            new XElement("ItemGroup",
                packages.Select(p => new XElement("PackageReference",
                    new XAttribute("Include", p.Id),
                    new XAttribute("Version", $"[{p.Version}]")))));
        var text = "<!-- Written by Course.Notebooks to restore #r \"nuget: …\" packages. Safe to delete. -->\n" + project + "\n";
        AtomicFile.WriteAllBytes(Path.Combine(folder, ProjectFileName), Encoding.UTF8.GetBytes(text));
    }

    private async Task RunRestoreAsync(string folder, string description, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.DotnetPath)
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
        };
        foreach (var argument in (string[])["restore", ProjectFileName, "-nologo", "-nodeReuse:false", "-tl:off"])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        // No MSBuild node may outlive the restore: it would keep the output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var variable in InheritedBuildVariables)
        {
            start.Environment.Remove(variable);
        }

        var output = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(output, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            throw new PackageRestoreException(
                $"could not start '{_options.DotnetPath}' to restore {description}: {e.Message} (set COURSE_DOTNET to the dotnet executable)", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        string[] lines;
        lock (output)
        {
            lines = [.. output];
        }
        foreach (var warning in RestoreOutput.Warnings(lines))
        {
            Log.RestoreWarning(_logger, warning);
        }
        if (process.ExitCode != 0)
        {
            var errors = RestoreOutput.Errors(lines);
            if (errors.Count == 0)
            {
                errors = [.. lines.Where(l => l.Trim().Length > 0).TakeLast(10).Select(l => l.Trim())];
            }
            throw new PackageRestoreException(
                $"could not restore {description}: dotnet restore failed with exit code {process.ExitCode}",
                errors,
                string.Join('\n', lines));
        }
    }

    private static void Collect(List<string> output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Add(line);
            }
        }
    }

    private void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
            Log.Killed(_logger, process.Id);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It exited on its own in the meantime, or cannot be killed: nothing left to do.
        }
    }

    private RestoreResult ReadAssets(string folder)
    {
        var assetsPath = Path.Combine(folder, "obj", "project.assets.json");
        if (!File.Exists(assetsPath))
        {
            throw new PackageRestoreException($"dotnet restore succeeded but wrote no {assetsPath}");
        }
        var (assemblies, natives) = ProjectAssetsReader.Read(assetsPath, _options.TargetFramework, RuntimeIdentifierChain.Current);
        if (assemblies.Concat(natives).FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new PackageRestoreException(
                $"dotnet restore succeeded but {missing} is missing: delete that package's folder from the NuGet packages folder and run again");
        }
        return new RestoreResult(assemblies, natives, FromCache: false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Package cache hit for {Packages}: {ResolvedFile}")]
        public static partial void CacheHit(ILogger logger, string packages, string resolvedFile);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring package cache entry {ResolvedFile}: {Reason}")]
        public static partial void CacheEntryUnusable(ILogger logger, string resolvedFile, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Package cache miss for {Packages}: running dotnet restore in {Folder}")]
        public static partial void RunningRestore(ILogger logger, string packages, string folder);

        [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Packages} in {ElapsedMs} ms: {AssemblyCount} assemblies, {NativeCount} native libraries")]
        public static partial void Restored(ILogger logger, string packages, long elapsedMs, int assemblyCount, int nativeCount);

        [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for another restore of the same packages ({LockFile})")]
        public static partial void WaitingForLock(ILogger logger, string lockFile);

        [LoggerMessage(Level = LogLevel.Warning, Message = "dotnet restore: {Warning}")]
        public static partial void RestoreWarning(ILogger logger, string warning);

        [LoggerMessage(Level = LogLevel.Information, Message = "Restoring {Packages} was cancelled")]
        public static partial void Cancelled(ILogger logger, string packages);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Killed dotnet restore (process {ProcessId}) and its children")]
        public static partial void Killed(ILogger logger, int processId);
    }
}
