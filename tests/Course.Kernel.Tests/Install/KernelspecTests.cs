using System.Text.Json.Nodes;
using Course.Kernel.Install;

namespace Course.Kernel.Tests.Install;

public sealed class KernelspecTests : IDisposable
{
    private readonly string _kernels = Directory.CreateTempSubdirectory("course-kernels-").FullName;

    private string Spec => Path.Combine(_kernels, ".net-csharp");

    [Fact]
    public void KernelsDirectory_ForTheUser_HonoursJupyterDataDir()
    {
        var directory = KernelspecLocation.KernelsDirectory(user: true, name => name == "JUPYTER_DATA_DIR" ? "/data/jupyter" : null);

        Assert.Equal(Path.Combine("/data/jupyter", "kernels"), directory);
    }

    [Fact]
    public void KernelsDirectory_ForTheUserOnLinux_FollowsXdg()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // XDG folders are the Linux rule; macOS and Windows have their own.
        }

        Assert.Equal("/x/jupyter/kernels", KernelspecLocation.KernelsDirectory(true, name => name == "XDG_DATA_HOME" ? "/x" : null));
        Assert.Equal("/home/ada/.local/share/jupyter/kernels", KernelspecLocation.KernelsDirectory(true, name => name == "HOME" ? "/home/ada" : null));
    }

    [Fact]
    public void Install_WithATimeLimit_PassesItToTheKernel()
    {
        KernelspecInstaller.Install(Spec, "/usr/bin/dotnet", "/opt/course/course.dll", force: false, cellTimeLimitSeconds: 600.5);

        var argv = JsonNode.Parse(File.ReadAllText(Path.Combine(Spec, "kernel.json")))!["argv"]!.AsArray().Select(a => a!.GetValue<string>());
        Assert.Equal(["kernel", "-f", "{connection_file}", "--cell-time-limit", "600.5"], argv.Skip(2));
    }

    [Fact]
    public void Install_WritesAbsoluteArgvAndMessageInterrupts()
    {
        KernelspecInstaller.Install(Spec, "/usr/bin/dotnet", "/opt/course/course.dll", force: false);

        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(Spec, "kernel.json")))!;
        Assert.Equal(["/usr/bin/dotnet", "/opt/course/course.dll", "kernel", "-f", "{connection_file}"],
            spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("logo-32x32.png", 32)]
    [InlineData("logo-64x64.png", 64)]
    public void Install_WritesTheLogos_JupyterLooksFor(string file, int size)
    {
        KernelspecInstaller.Install(Spec, "/usr/bin/dotnet", "/opt/course/course.dll", force: false);

        var png = File.ReadAllBytes(Path.Combine(Spec, file));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void Install_OverItsOwnKernelspec_Replaces()
    {
        KernelspecInstaller.Install(Spec, "/a/dotnet", "/a/course.dll", force: false);

        KernelspecInstaller.Install(Spec, "/b/dotnet", "/b/course.dll", force: false);

        Assert.Contains("/b/course.dll", File.ReadAllText(Path.Combine(Spec, "kernel.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Install_OverAForeignKernelspec_RefusesUnlessForced()
    {
        Directory.CreateDirectory(Spec);
        File.WriteAllText(Path.Combine(Spec, "kernel.json"), """{"argv": ["dotnet-interactive"], "display_name": ".NET (C#)"}""");

        var error = Assert.Throws<InvalidOperationException>(() => KernelspecInstaller.Install(Spec, "/d", "/c.dll", force: false));
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet-interactive", File.ReadAllText(Path.Combine(Spec, "kernel.json")), StringComparison.Ordinal);

        KernelspecInstaller.Install(Spec, "/d", "/c.dll", force: true);
        Assert.Contains("/c.dll", File.ReadAllText(Path.Combine(Spec, "kernel.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Uninstall_RemovesOnlyWhatItWrote()
    {
        Assert.False(KernelspecInstaller.Uninstall(Spec, force: false));
        KernelspecInstaller.Install(Spec, "/d", "/c.dll", force: false);

        Assert.True(KernelspecInstaller.Uninstall(Spec, force: false));
        Assert.False(Directory.Exists(Spec));
    }

    public void Dispose() => Directory.Delete(_kernels, recursive: true);
}
