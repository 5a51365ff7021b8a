using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Course.Hosting;
using Course.Http;

namespace Course.FastApi;

/// <summary>
/// A FastAPI app from a Python source in the cell, run under uvicorn on a free port of 127.0.0.1 as a child process, so a
/// cell can send the same request to it and to an ASP.NET Core app and show both (<see cref="CompareAsync(RunningApp, Func{HttpRequestMessage}, CancellationToken)"/>).
/// Where no Python can import fastapi and uvicorn, it replays the exchanges recorded when the course's notebooks last ran
/// live, labelled with the versions they were recorded with. Dispose it to stop the process; it also stops when the
/// notebook's process ends.
/// </summary>
/// <example>
/// <code>
/// var fastapi = await FastApiApp.StartAsync("01-hello", """
///     from fastapi import FastAPI
///     app = FastAPI()
///
///     @app.get("/hello")
///     async def hello():
///         return {"message": "hello"}
///     """);
/// await fastapi.CompareGetAsync(aspNetCoreApp, "/hello")
/// // … and when the section is done: await fastapi.DisposeAsync();
/// </code>
/// </example>
public sealed class FastApiApp : IAsyncDisposable
{
    private readonly FastApiSettings _settings;
    private readonly UvicornProcess? _uvicorn;
    private readonly HttpClient? _client;
    private readonly HttpClient? _exchangeClient;
    private readonly FastApiRecording? _recording;
    private readonly Dictionary<string, int> _sent = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _recordingLock = new(1, 1);

    private FastApiApp(string name, string source, FastApiSettings settings, PythonVersions versions, UvicornProcess? uvicorn,
        FastApiRecording? recording, string? notLiveBecause)
    {
        Name = name;
        Source = source;
        _settings = settings;
        Versions = versions;
        _uvicorn = uvicorn;
        _recording = recording;
        NotLiveBecause = notLiveBecause;
        if (uvicorn is not null)
        {
            _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = uvicorn.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            // Exchanges go on a connection of their own: uvicorn closes a connection whose request raised, and a pooled
            // connection reused at that moment would fail the next exchange with "connection reset by peer".
            // It does not follow redirects either: an exchange shows what the app answered (FastAPI's 307 for a missing slash).
            _exchangeClient = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero, AllowAutoRedirect = false })
            {
                BaseAddress = uvicorn.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
        }
    }

    /// <summary>The app's name in the course, which names its recording (for example <c>05-bad-requests</c>).</summary>
    public string Name { get; }

    /// <summary>The Python source: a module that defines <c>app</c>.</summary>
    public string Source { get; }

    /// <summary>True when the app really runs here; false when its exchanges are replayed from the recording.</summary>
    public bool IsLive => _uvicorn is not null;

    /// <summary>Why the app is not live (no Python with FastAPI, or <c>COURSE_FASTAPI=recorded</c>); null when it is.</summary>
    public string? NotLiveBecause { get; }

    /// <summary>The versions the app runs with, or was recorded with.</summary>
    public PythonVersions Versions { get; }

    /// <summary>Where the live app answers, <c>http://127.0.0.1:PORT/</c>.</summary>
    /// <exception cref="InvalidOperationException">The app is not live.</exception>
    public Uri BaseAddress => _uvicorn?.BaseAddress ?? throw NotLive();

    /// <summary>A client for the live app, with <see cref="BaseAddress"/> set (for measurements; exchanges go through the methods below).</summary>
    /// <exception cref="InvalidOperationException">The app is not live.</exception>
    public HttpClient Client => _client ?? throw NotLive();

    /// <summary>What uvicorn and the app wrote to stderr: warnings, errors, tracebacks of requests that failed.</summary>
    public string Log => _uvicorn?.Log ?? "";

    /// <summary>One line: which app, live or recorded, and the versions.</summary>
    public string Label => IsLive
        ? $"FastAPI, live on {BaseAddress} ({Versions})"
        : $"FastAPI, recorded with {Versions} ({NotLiveBecause})";

    /// <summary>
    /// One line for an app that uses no framework (a bare ASGI callable): the server and Python versions, live or
    /// recorded — without the FastAPI version, which such an app does not use.
    /// </summary>
    public string UvicornLabel => IsLive
        ? $"uvicorn {Versions.Uvicorn} · Python {Versions.Python}, live on {BaseAddress}"
        : $"uvicorn {Versions.Uvicorn} · Python {Versions.Python}, recorded ({NotLiveBecause})";

    /// <summary>
    /// Starts the app that <paramref name="source"/> defines as <c>app</c> (live where Python with FastAPI is installed,
    /// otherwise its recording, found by <paramref name="name"/>).
    /// </summary>
    /// <exception cref="FastApiStartException">The app did not start (Python's own error is in the message), or it cannot run live and has no recording.</exception>
    public static Task<FastApiApp> StartAsync(string name, string source, CancellationToken cancellationToken = default) =>
        StartAsync(name, source, FastApiSettings.FromEnvironment(), minimumPython: null, cancellationToken);

    /// <summary>
    /// Starts the app as <see cref="StartAsync(string, string, CancellationToken)"/> does, for a source that needs at least
    /// Python <paramref name="minimumPython"/> (for example 3.11 for <c>asyncio.TaskGroup</c> and <c>except*</c>): where
    /// the Python found is older, it shows the recording, saying so, as where there is no Python.
    /// </summary>
    /// <exception cref="FastApiStartException">The app did not start (Python's own error is in the message), or it cannot run live and has no recording.</exception>
    public static Task<FastApiApp> StartAsync(string name, string source, Version minimumPython, CancellationToken cancellationToken = default) =>
        StartAsync(name, source, FastApiSettings.FromEnvironment(), minimumPython ?? throw new ArgumentNullException(nameof(minimumPython)), cancellationToken);

    internal static async Task<FastApiApp> StartAsync(string name, string source, FastApiSettings settings, Version? minimumPython = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(source);
        source = Dedent(source);
        var mode = settings.Mode;
        var embedded = settings.FindRecording(name);
        var python = mode == FastApiMode.Recorded ? null : await settings.FindPython();
        var tooOld = python?.Versions is { } found ? TooOld(found.Python, minimumPython) : null;
        if (python?.Path is null || python.Versions is null || tooOld is not null)
        {
            var why = tooOld ?? python?.Missing ?? $"{FastApiModes.Variable}=recorded";
            if (mode is FastApiMode.Record or FastApiMode.Verify)
            {
                throw new FastApiStartException($"{FastApiModes.Variable}={mode.ToString().ToLowerInvariant()} runs FastAPI apps live, but {why}.");
            }
            if (embedded is null)
            {
                throw new FastApiStartException($"FastAPI app '{name}' cannot run here ({why}) and the course has no recording of it. " +
                    "Install FastAPI and uvicorn for python3 (pip install fastapi uvicorn, or apt-get install python3-fastapi python3-uvicorn).");
            }
            var changed = embedded.Source != source ? "; the recording is of the course's source, not of your changes" : "";
            return new FastApiApp(name, source, settings, embedded.Versions, uvicorn: null, embedded, $"{why}{changed}");
        }

        var recording = mode switch
        {
            FastApiMode.Record => new FastApiRecording(name, source, python.Versions, []),
            FastApiMode.Verify => CheckedRecording(embedded, name, source, python.Versions),
            _ => null,
        };
        var uvicorn = await UvicornProcess.StartAsync(python.Path, source, cancellationToken);
        return new FastApiApp(name, source, settings, python.Versions, uvicorn, recording, notLiveBecause: null);
    }

    /// <summary>
    /// Why Python <paramref name="version"/> (as <c>sys.version</c> starts: <c>3.10.12</c>, <c>3.13.0rc1</c>) cannot run an
    /// app that needs <paramref name="minimum"/>, or null when it can (or when there is no minimum).
    /// </summary>
    internal static string? TooOld(string version, Version? minimum)
    {
        if (minimum is null)
        {
            return null;
        }
        var parts = version.Split('.');
        int Part(int i) => i < parts.Length && int.TryParse(new string(parts[i].TakeWhile(char.IsAsciiDigit).ToArray()), out var n) ? n : 0;
        var found = new Version(Part(0), Part(1), Part(2));
        var needed = new Version(minimum.Major, Math.Max(minimum.Minor, 0), Math.Max(minimum.Build, 0));
        return found < needed ? $"this app needs Python {minimum} or later, and the Python here is {version}" : null;
    }

    /// <summary>Sends a GET for <paramref name="path"/> to the app.</summary>
    public Task<HttpExchange> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>Sends a POST for <paramref name="path"/> with <paramref name="json"/>, as written, as an <c>application/json</c> body.</summary>
    public Task<HttpExchange> PostJsonAsync(string path, string json, CancellationToken cancellationToken = default) =>
        SendAsync(() => JsonRequest(HttpMethod.Post, path, json), cancellationToken);

    /// <summary>Sends the request <paramref name="request"/> makes to the app (or finds its answer in the recording).</summary>
    public async Task<HttpExchange> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_exchangeClient is null)
        {
            return await ReplayAsync(request(), cancellationToken);
        }
        var exchange = await HttpExchange.SendAsync(_exchangeClient, request(), cancellationToken);
        await RecordOrVerifyAsync(exchange, cancellationToken);
        return exchange;
    }

    /// <summary>Sends the same request to this app and to <paramref name="aspNetCore"/>, and shows both exchanges side by side.</summary>
    public async Task<SideBySide> CompareAsync(RunningApp aspNetCore, Func<HttpRequestMessage> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aspNetCore);
        var fastApi = await SendAsync(request, cancellationToken);
        var dotnet = await aspNetCore.SendAsync(request(), cancellationToken);
        var server = aspNetCore.TestServer is null ? "Kestrel" : "in-memory test server";
        return new SideBySide(Label, fastApi, $"ASP.NET Core, {server} ({RuntimeInformation.FrameworkDescription})", dotnet);
    }

    /// <summary>A GET for <paramref name="path"/> to this app and to <paramref name="aspNetCore"/>, side by side.</summary>
    public Task<SideBySide> CompareGetAsync(RunningApp aspNetCore, string path, CancellationToken cancellationToken = default) =>
        CompareAsync(aspNetCore, () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>A POST of <paramref name="json"/> (as written) to <paramref name="path"/> of this app and of <paramref name="aspNetCore"/>, side by side.</summary>
    public Task<SideBySide> ComparePostJsonAsync(RunningApp aspNetCore, string path, string json, CancellationToken cancellationToken = default) =>
        CompareAsync(aspNetCore, () => JsonRequest(HttpMethod.Post, path, json), cancellationToken);

    /// <summary>A request with <paramref name="json"/> as its body, sent as written (even when it is not valid JSON).</summary>
    public static HttpRequestMessage JsonRequest(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Label}";

    /// <summary>Stops the Python process.</summary>
    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _exchangeClient?.Dispose();
        if (_uvicorn is not null)
        {
            await _uvicorn.DisposeAsync();
        }
    }

    /// <summary>The Python process's id, for tests.</summary>
    internal int? ProcessId => _uvicorn?.ProcessId;

    private static FastApiRecording CheckedRecording(FastApiRecording? embedded, string name, string source, PythonVersions versions)
    {
        if (embedded is null)
        {
            throw new FastApiStartException($"{FastApiModes.Variable}=verify: FastAPI app '{name}' has no recording. {RecordCommand}");
        }
        if (embedded.Versions == versions && embedded.Source != source)
        {
            throw new FastApiStartException($"{FastApiModes.Variable}=verify: the recording of FastAPI app '{name}' is of another source. {RecordCommand}");
        }
        return embedded;
    }

    private const string RecordCommand = "Record it again with: COURSE_FASTAPI=record ./course run --all";

    private async Task<HttpExchange> ReplayAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (headers, body) = await HttpExchange.DescribeRequestAsync(request, cancellationToken);
        var pathAndQuery = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : new Uri(new Uri("http://127.0.0.1/"), request.RequestUri!).PathAndQuery;
        var key = RecordedExchange.KeyOf(request.Method.Method, pathAndQuery, headers, body);
        int occurrence;
        lock (_sent)
        {
            occurrence = _sent.GetValueOrDefault(key);
            _sent[key] = occurrence + 1;
        }
        return _recording?.Find(key, occurrence)?.ToExchange()
            ?? throw new InvalidOperationException($"FastAPI app '{Name}' is not live here ({NotLiveBecause}), and its recording has no answer to " +
                $"{request.Method} {request.RequestUri}{(occurrence > 0 ? $" sent {occurrence + 1} times" : "")}: a recording replays only the requests the course's notebook sends. " +
                "Install FastAPI and uvicorn for python3 to send your own.");
    }

    private async Task RecordOrVerifyAsync(HttpExchange exchange, CancellationToken cancellationToken)
    {
        if (_recording is null)
        {
            return;
        }
        var live = RecordedExchange.From(exchange);
        await _recordingLock.WaitAsync(cancellationToken);
        try
        {
            if (_settings.Mode == FastApiMode.Record)
            {
                _recording.Exchanges.Add(live);
                _recording.Save(_settings.RecordingsDirectory());
                return;
            }
            if (_recording.Versions != Versions)
            {
                return; // Other versions may answer differently: nothing to compare with.
            }
            int occurrence;
            lock (_sent)
            {
                occurrence = _sent.GetValueOrDefault(live.RequestKey);
                _sent[live.RequestKey] = occurrence + 1;
            }
            var recorded = _recording.Find(live.RequestKey, occurrence);
            if (recorded is null)
            {
                throw new InvalidOperationException($"{FastApiModes.Variable}=verify: the recording of FastAPI app '{Name}' has no {exchange.Method} {exchange.Uri.PathAndQuery}. {RecordCommand}");
            }
            if (recorded.ResponseText != live.ResponseText)
            {
                throw new InvalidOperationException($"{FastApiModes.Variable}=verify: FastAPI app '{Name}' answered {exchange.Method} {exchange.Uri.PathAndQuery} " +
                    $"differently from its recording, with the same versions ({Versions}).\nrecorded:\n{recorded.ResponseText}\nlive:\n{live.ResponseText}\n{RecordCommand}");
            }
        }
        finally
        {
            _recordingLock.Release();
        }
    }

    private InvalidOperationException NotLive() =>
        new($"FastAPI app '{Name}' is not live here ({NotLiveBecause}): only its recorded exchanges can be shown. Check IsLive first.");

    /// <summary>Removes the indentation every non-blank line shares, so a source indented inside a C# raw string runs as Python.</summary>
    internal static string Dedent(string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' '))).Trim('\n') + "\n";
    }
}
