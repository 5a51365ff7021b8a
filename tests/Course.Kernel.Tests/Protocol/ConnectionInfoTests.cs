using Course.Kernel.Protocol;

namespace Course.Kernel.Tests.Protocol;

public sealed class ConnectionInfoTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public void Load_AFileAsJupyterClientWritesIt_ReadsPortsKeyAndScheme()
    {
        File.WriteAllText(_path, """
            {"shell_port": 50001, "iopub_port": 50002, "stdin_port": 50003, "control_port": 50004, "hb_port": 50005,
             "ip": "127.0.0.1", "key": "a0436f6c", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": ".net-csharp"}
            """);

        var info = ConnectionInfo.Load(_path);

        Assert.Equal("tcp://127.0.0.1:50001", info.Endpoint(info.ShellPort));
        Assert.Equal(50005, info.HeartbeatPort);
        Assert.Equal("a0436f6c", info.Key);
        Assert.Equal(".net-csharp", info.KernelName);
    }

    [Fact]
    public void Load_MissingPorts_NamesThem()
    {
        File.WriteAllText(_path, """{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "key": ""}""");

        var error = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(_path));

        Assert.Contains("control_port, hb_port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_SaysItIsNotAConnectionFile()
    {
        File.WriteAllText(_path, "shell_port=1");

        var error = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(_path));

        Assert.Contains("is not a Jupyter connection file", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);
}
