namespace Course.Benchmarks;

/// <summary>Small notebooks the benchmarks run, written to a temp folder.</summary>
internal static class BenchmarkNotebooks
{
    public static string WriteOneCell(string source)
    {
        var directory = Directory.CreateTempSubdirectory("course-bench-").FullName;
        var path = Path.Combine(directory, "bench.ipynb");
        var notebook = Course.Notebooks.Ipynb.Notebook.Create([Course.Notebooks.Ipynb.NotebookCell.Code(source, id: "bench")]);
        notebook.Save(path);
        return path;
    }

    /// <summary>The folder that holds Course.sln, above the benchmarks' binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Course.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Course.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The published course command a learner runs: .course/bin/course in the repository.</summary>
    public static string PublishedCourse()
    {
        var candidate = Path.Combine(RepositoryRoot(), ".course", "bin", OperatingSystem.IsWindows() ? "course.exe" : "course");
        return File.Exists(candidate) ? candidate : throw new InvalidOperationException("Publish the course command first (run ./course once), or set COURSE_BENCH_CLI.");
    }

    /// <summary>The worker's peak resident memory (VmHWM) in MB, on Linux; null elsewhere.</summary>
    public static double? PeakMemoryMegabytes(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return null;
        }
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? null : double.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
