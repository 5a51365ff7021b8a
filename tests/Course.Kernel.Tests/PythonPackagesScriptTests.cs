using System.Diagnostics;

namespace Course.Kernel.Tests;

/// <summary>
/// <c>tests/python-packages.sh</c>, which <c>dotnet test</c> runs before the tests that drive Debian's Python packages (these
/// tests: Jupyter's clients; the library's and the notebooks': FastAPI and uvicorn): it installs them when they are missing,
/// so README's test command passes on a fresh machine. Here with a stand-in Python that lacks them and a stand-in
/// <c>apt-get</c> that records what it was asked.
/// </summary>
public sealed class PythonPackagesScriptTests : IDisposable
{
    private readonly DirectoryInfo _fake = Directory.CreateTempSubdirectory("course-python-packages-");

    [Fact]
    public async Task MissingPackages_AreInstalledWithAptGet_SayingSo()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName != "root")
        {
            return; // the script installs as root (or with password-less sudo, which a test cannot count on)
        }
        var calls = Path.Combine(_fake.FullName, "apt-get.calls");
        Fake("python", "exit 1");
        Fake("apt-get", $"echo \"$*\" >> '{calls}'");

        var (exitCode, output) = await RunAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("course tests: installing the Jupyter clients the kernel's tests drive (apt-get install python3-jupyter-client", output, StringComparison.Ordinal);
        Assert.Contains("course tests: installed.", output, StringComparison.Ordinal);
        var asked = await File.ReadAllLinesAsync(calls);
        Assert.Equal("update -qq", asked[0]);
        Assert.Equal("install -y -qq python3-jupyter-client python3-nbclient", asked[1]);
    }

    [Fact]
    public async Task PresentPackages_InstallNothing_AndSayNothing()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        Fake("python", "exit 0");
        Fake("apt-get", "echo apt-get must not run; exit 1");

        var (exitCode, output) = await RunAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal("", output);
    }

    private void Fake(string name, string body)
    {
        var path = Path.Combine(_fake.FullName, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python-packages.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "the Jupyter clients the kernel's tests drive", "jupyter_client nbclient", "python3-jupyter-client", "python3-nbclient" })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PATH"] = _fake.FullName + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["COURSE_TESTS_PYTHON"] = Path.Combine(_fake.FullName, "python");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + errors);
    }

    public void Dispose() => _fake.Delete(recursive: true);
}
