using System.Security.Cryptography;

namespace Course.Notebooks.IO;

/// <summary>Replaces a file's content all at once: readers see the old file or the new one, never a part.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file in the target's directory, flushes it to disk and moves
    /// it over <paramref name="path"/>. A symbolic link is followed (its target is replaced), and on Unix the
    /// replaced file's permissions are kept. On failure the temporary file is deleted, the target is left as it
    /// was and the exception propagates (e.g. <see cref="DirectoryNotFoundException"/>, <see cref="UnauthorizedAccessException"/>).
    /// </summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var target = FinalTarget(Path.GetFullPath(path));
        var directory = Path.GetDirectoryName(target) ?? throw new IOException($"{path}: cannot write a file at the root");
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static string FinalTarget(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } resolved
            ? resolved.FullName
            : fullPath;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
