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
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content) => Write(path, content, expectedSha256: null);

    /// <summary>
    /// Like <see cref="WriteAllBytes"/>, but replaces the file only if it still holds the bytes whose SHA-256 is
    /// <paramref name="expectedSha256"/>: the file is compared immediately before the rename (its content, then its
    /// size and time of last write once more), so an edit saved meanwhile, by an editor or another program, is kept.
    /// Returns false, writing nothing, when the file differs or is gone. Temporary files of the same target left by
    /// an interrupted write (older than <paramref name="staleAfter"/>) are removed first.
    /// </summary>
    public static bool WriteAllBytesIfUnchanged(string path, ReadOnlySpan<byte> content, ReadOnlySpan<byte> expectedSha256, TimeSpan? staleAfter = null, TimeProvider? time = null)
    {
        if (expectedSha256.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("Pass the SHA-256 of the bytes the file is expected to hold.", nameof(expectedSha256));
        }
        RemoveStaleTemporaryFiles(path, staleAfter ?? TimeSpan.FromMinutes(10), time ?? TimeProvider.System);
        return Write(path, content, expectedSha256.ToArray());
    }

    /// <summary>
    /// Removes the temporary files that an interrupted write of <paramref name="path"/> left beside it (a killed
    /// process cannot clean up), when they are older than <paramref name="staleAfter"/>, so a write under way is left alone.
    /// </summary>
    public static void RemoveStaleTemporaryFiles(string path, TimeSpan staleAfter, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var target = FinalTarget(Path.GetFullPath(path));
        if (Path.GetDirectoryName(target) is not { } directory || !Directory.Exists(directory))
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var temp in Directory.EnumerateFiles(directory, $".{Path.GetFileName(target)}.*.tmp"))
        {
            if (now - File.GetLastWriteTimeUtc(temp) >= staleAfter)
            {
                TryDelete(temp);
            }
        }
    }

    private static bool Write(string path, ReadOnlySpan<byte> content, byte[]? expectedSha256)
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
            if (expectedSha256 is not null && !StillHolds(target, expectedSha256))
            {
                TryDelete(temp);
                return false;
            }
            File.Move(temp, target, overwrite: true);
            return true;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    // The last step before the rename: the content is compared, then the path is checked to still name the file
    // that was read, unchanged since (an editor that saves by renaming, or writes in place, changes its time).
    // No portable call compares and renames as one step; the gap left is that between two system calls.
    private static bool StillHolds(string target, byte[] expectedSha256)
    {
        try
        {
            using var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1 << 16);
            var writtenBefore = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
            if (!SHA256.HashData(stream).AsSpan().SequenceEqual(expectedSha256))
            {
                return false;
            }
            var length = stream.Length;
            var now = new FileInfo(target);
            return now.Exists && now.Length == length && now.LastWriteTimeUtc == writtenBefore && File.GetLastWriteTimeUtc(stream.SafeFileHandle) == writtenBefore;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
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
