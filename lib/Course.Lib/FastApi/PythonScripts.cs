using System.Reflection;

namespace Course.FastApi;

/// <summary>The Python scripts beside this file (launcher.py, probe.py), embedded in the library.</summary>
internal static class PythonScripts
{
    public static string Launcher { get; } = Read("launcher.py");

    public static string Probe { get; } = Read("probe.py");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("fastapi/" + name)
            ?? throw new InvalidOperationException($"The course library has no embedded fastapi/{name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
