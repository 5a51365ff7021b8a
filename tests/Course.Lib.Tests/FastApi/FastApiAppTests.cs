using System.Diagnostics;
using System.Text;
using Course.FastApi;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.FastApi;

/// <summary>
/// <see cref="FastApiApp"/> with the machine's Python (the tests' project installs Debian's FastAPI and uvicorn): start,
/// readiness, requests side by side with ASP.NET Core, stop, no orphan; and the recorded path a machine without Python gets.
/// </summary>
public sealed class FastApiAppTests : IDisposable
{
    private const string Hello = """
        from fastapi import FastAPI

        app = FastAPI()

        @app.get("/hello")
        async def hello(name: str = "world"):
            return {"message": f"hello {name}"}
        """;

    private readonly DirectoryInfo _recordings = Directory.CreateTempSubdirectory("course-fastapi-tests-");

    [Fact]
    public async Task Live_SendsTheSameRequestToBothApps_AndShowsBothExchanges()
    {
        await using var fastapi = await FastApiApp.StartAsync("test-hello", Hello, Settings(FastApiMode.Auto));
        await using var api = await InMemoryServer.StartAsync(app => app.MapGet("/hello", (string name) => new { message = $"hello {name}" }));

        var pair = await fastapi.CompareGetAsync(api, "/hello?name=ada");

        Assert.True(fastapi.IsLive);
        Assert.Equal(200, pair.FastApi.Status);
        Assert.Equal("uvicorn", pair.FastApi.Header("server"));
        Assert.Equal("""{"message":"hello ada"}""", pair.FastApi.Body);
        Assert.Equal(200, pair.AspNetCore.Status);
        Assert.Equal("""{"message":"hello ada"}""", pair.AspNetCore.Body);
        Assert.StartsWith($"FastAPI, live on http://127.0.0.1:{fastapi.BaseAddress.Port}/ (FastAPI ", pair.FastApiTitle, StringComparison.Ordinal);
        Assert.StartsWith("ASP.NET Core, in-memory test server (.NET ", pair.AspNetCoreTitle, StringComparison.Ordinal);
        Assert.Contains("GET /hello?name=ada HTTP/1.1", pair.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PythonError_IsReportedWithPythonsOwnWords()
    {
        var failure = await Assert.ThrowsAsync<FastApiStartException>(() =>
            FastApiApp.StartAsync("test-broken", "from fastapi import FastAPI\napp = FastAPI(\n", Settings(FastApiMode.Auto)));

        Assert.StartsWith("The FastAPI app ended before it listened. Python said:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SyntaxError", failure.Message, StringComparison.Ordinal);
        Assert.Contains("main.py", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceWithoutApp_SaysWhatIsMissing()
    {
        var failure = await Assert.ThrowsAsync<FastApiStartException>(() => FastApiApp.StartAsync("test-no-app", "x = 1\n", Settings(FastApiMode.Auto)));

        Assert.Contains("The Python source defines no 'app'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_StopsThePythonProcess()
    {
        var fastapi = await FastApiApp.StartAsync("test-hello", Hello, Settings(FastApiMode.Auto));
        using var python = Process.GetProcessById(fastapi.ProcessId!.Value);

        await fastapi.DisposeAsync();

        Assert.True(python.WaitForExit(TimeSpan.FromSeconds(10)), "the Python process still runs after DisposeAsync");
    }

    [Fact]
    public async Task Launcher_EndsWithTheProcessThatStartedIt_EvenWhenThatProcessIsKilled()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the launcher watches its parent with os.getppid(), which Windows never changes
        }
        var python = (await PythonLocator.FindAsync()).Path!;
        var folder = Directory.CreateTempSubdirectory("course-fastapi-orphan-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "main.py"), Hello);
            File.WriteAllText(Path.Combine(folder.FullName, "_course_launcher.py"), PythonScripts.Launcher);
            var launcher = UvicornProcess.StartInfo(python, folder);
            // A parent that starts the launcher as the notebook's process would (its own pid last), prints the child's
            // pid, and waits: killing it with SIGKILL leaves no chance to stop the child.
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("\"$@\" $$ >/dev/null 2>&1 & echo $!; wait");
            start.ArgumentList.Add("bash");
            start.ArgumentList.Add(python);
            start.ArgumentList.Add(launcher.ArgumentList[0]);
            start.ArgumentList.Add(launcher.ArgumentList[1]);
            using var parent = Process.Start(start)!;
            var childId = int.Parse((await parent.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            using var child = Process.GetProcessById(childId);
            Assert.False(child.WaitForExit(TimeSpan.FromSeconds(1)), "the launcher ended while its parent was alive");

            parent.Kill();

            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(15)), "the launcher outlived the process that started it");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WithoutPython_TheRecordingIsShown_SayingWhyAndWithWhichVersions()
    {
        var recording = await RecordAsync(Hello, "/hello?name=ada", "/hello");
        var noPython = await PythonLocator.FindAsync(["/nonexistent/python3"]);

        await using var fastapi = await FastApiApp.StartAsync("test-hello", Hello, Settings(FastApiMode.Auto, noPython, recording));
        await using var api = await InMemoryServer.StartAsync(app => app.MapGet("/hello", (string name) => new { message = $"hello {name}" }));
        var pair = await fastapi.CompareGetAsync(api, "/hello?name=ada");

        Assert.False(fastapi.IsLive);
        Assert.Equal("no Python here can import fastapi and uvicorn (/nonexistent/python3: not found)", fastapi.NotLiveBecause);
        Assert.Equal($"FastAPI, recorded with {recording.Versions} ({fastapi.NotLiveBecause})", pair.FastApiTitle);
        Assert.DoesNotContain('\n', pair.FastApiTitle);
        Assert.Equal(200, pair.FastApi.Status);
        Assert.Equal("""{"message":"hello ada"}""", pair.FastApi.Body);
        Assert.Equal("uvicorn", pair.FastApi.Header("server"));
        Assert.Throws<InvalidOperationException>(() => fastapi.Client);
    }

    [Fact]
    public async Task PythonOlderThanTheAppNeeds_TheRecordingIsShown_SayingWhichPythonItNeeds()
    {
        var recording = await RecordAsync(Hello, "/hello?name=ada");
        var found = await PythonLocator.FindAsync();
        Assert.NotNull(found.Versions);
        var oldPython = found with { Versions = found.Versions with { Python = "3.10.12" } };

        await using var fastapi = await FastApiApp.StartAsync("test-hello", Hello, Settings(FastApiMode.Auto, oldPython, recording), new Version(3, 11));
        var exchange = await fastapi.GetAsync("/hello?name=ada");

        Assert.False(fastapi.IsLive);
        Assert.Null(fastapi.ProcessId);
        Assert.Equal("this app needs Python 3.11 or later, and the Python here is 3.10.12", fastapi.NotLiveBecause);
        Assert.Equal($"FastAPI, recorded with {recording.Versions} ({fastapi.NotLiveBecause})", fastapi.Label);
        Assert.Equal("""{"message":"hello ada"}""", exchange.Body);
    }

    [Fact]
    public async Task PythonOlderThanTheAppNeeds_InRecordMode_SaysItCannotRunLive()
    {
        var found = await PythonLocator.FindAsync();
        var oldPython = found with { Versions = found.Versions! with { Python = "3.10.12" } };

        var failure = await Assert.ThrowsAsync<FastApiStartException>(() =>
            FastApiApp.StartAsync("test-hello", Hello, Settings(FastApiMode.Record, oldPython), new Version(3, 11)));

        Assert.Contains("this app needs Python 3.11 or later, and the Python here is 3.10.12", failure.Message);
    }

    [Theory]
    [InlineData("3.10.12", "3.11", false)]
    [InlineData("3.9.2", "3.11", false)]
    [InlineData("3.11.0", "3.11", true)]
    [InlineData("3.11.2", "3.11", true)]
    [InlineData("3.13.0rc1", "3.11", true)]
    [InlineData("3.14.0", "3.11", true)]
    [InlineData("4.0", "3.11", true)]
    [InlineData("3.11.1", "3.11.2", false)]
    public void TooOld_ComparesThePythonVersionWithTheMinimum(string python, string minimum, bool runs) =>
        Assert.Equal(runs, FastApiApp.TooOld(python, Version.Parse(minimum)) is null);

    [Fact]
    public void TooOld_WithoutAMinimum_AnyPythonRuns() => Assert.Null(FastApiApp.TooOld("2.7.18", null));

    [Fact]
    public async Task Recorded_ARequestNotInTheRecording_SaysOnlyRecordedRequestsReplay()
    {
        var recording = await RecordAsync(Hello, "/hello?name=ada");
        await using var fastapi = await FastApiApp.StartAsync("test-hello", Hello, Settings(FastApiMode.Recorded, recording: recording));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => fastapi.GetAsync("/hello?name=bob"));

        Assert.Contains("its recording has no answer to GET /hello?name=bob", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Install FastAPI and uvicorn", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorded_WithAChangedSource_SaysTheChangesDoNotRun()
    {
        var recording = await RecordAsync(Hello, "/hello");
        await using var fastapi = await FastApiApp.StartAsync("test-hello", Hello.Replace("hello {name}", "hi {name}", StringComparison.Ordinal),
            Settings(FastApiMode.Recorded, recording: recording));

        Assert.Equal("COURSE_FASTAPI=recorded; the recording is of the course's source, not of your changes", fastapi.NotLiveBecause);
    }

    [Fact]
    public async Task Verify_FailsWhenTheLiveAppAnswersOtherwiseThanItsRecording()
    {
        var recording = await RecordAsync(Hello, "/hello?name=ada");
        var tampered = recording with { Exchanges = [recording.Exchanges[0] with { Body = """{"message":"hello bob"}""" }] };
        await using var fastapi = await FastApiApp.StartAsync("test-hello", Hello, Settings(FastApiMode.Verify, recording: tampered));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => fastapi.GetAsync("/hello?name=ada"));

        Assert.Contains("answered GET /hello?name=ada differently from its recording", failure.Message, StringComparison.Ordinal);
        Assert.Contains("COURSE_FASTAPI=record ./course run --all", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FailsWhenTheRecordingIsOfAnotherSource()
    {
        var recording = await RecordAsync(Hello, "/hello");

        var failure = await Assert.ThrowsAsync<FastApiStartException>(() =>
            FastApiApp.StartAsync("test-hello", Hello + "\n# changed\n", Settings(FastApiMode.Verify, recording: recording)));

        Assert.Contains("the recording of FastAPI app 'test-hello' is of another source", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recorded", "Recorded")]
    [InlineData("", "Auto")]
    [InlineData("live", "Auto")]
    [InlineData("Verify", "Verify")]
    [InlineData("record", "Record")]
    public void Mode_IsReadFromCourseFastApi(string value, string mode) => Assert.Equal(mode, FastApiModes.Parse(value).ToString());

    [Fact]
    public void Mode_UnknownValue_NamesTheModes() =>
        Assert.Equal("COURSE_FASTAPI=replay is not a mode: use live (the default), recorded, record or verify.",
            Assert.Throws<InvalidOperationException>(() => FastApiModes.Parse("replay")).Message);

    /// <summary>Runs <paramref name="source"/> live in record mode, sends GETs for <paramref name="paths"/>, and reads the recording back.</summary>
    private async Task<FastApiRecording> RecordAsync(string source, params string[] paths)
    {
        await using (var fastapi = await FastApiApp.StartAsync("test-hello", source, Settings(FastApiMode.Record)))
        {
            foreach (var path in paths)
            {
                await fastapi.GetAsync(path);
            }
        }
        var json = await File.ReadAllTextAsync(Path.Combine(_recordings.FullName, "test-hello.json"));
        return System.Text.Json.JsonSerializer.Deserialize<FastApiRecording>(json)!;
    }

    private FastApiSettings Settings(FastApiMode mode, FoundPython? python = null, FastApiRecording? recording = null) =>
        new(mode, () => python is null ? PythonLocator.FindAsync() : Task.FromResult(python), _ => recording, () => _recordings.FullName);

    public void Dispose() => _recordings.Delete(recursive: true);
}
