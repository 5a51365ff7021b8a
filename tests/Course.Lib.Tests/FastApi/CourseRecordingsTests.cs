using System.Text;
using Course.FastApi;

namespace Course.Lib.Tests.FastApi;

/// <summary>
/// The recordings notebooks show where no Python with FastAPI is installed (lib/Course.Lib/FastApi/Recordings) still
/// match what the live apps answer: each recording's source runs live and gets every recorded request again, in order,
/// in verify mode, which fails on any difference when the versions are the recording's.
/// </summary>
public sealed class CourseRecordingsTests
{
    public static TheoryData<string> Recordings() => [.. FastApiRecording.EmbeddedNames().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task Recording_MatchesTheLiveApp(string name)
    {
        var recording = FastApiRecording.Embedded(name)!;
        var live = await PythonLocator.FindAsync();
        Assert.True(live.Versions is not null, live.Missing);
        Assert.True(recording.Versions == live.Versions,
            $"{name} was recorded with {recording.Versions}; this machine has {live.Versions}: record again with COURSE_FASTAPI=record ./course run --all");
        Assert.NotEmpty(recording.Exchanges);

        var settings = FastApiSettings.FromEnvironment() with { Mode = FastApiMode.Verify };
        await using var fastapi = await FastApiApp.StartAsync(name, recording.Source, settings);
        foreach (var exchange in recording.Exchanges)
        {
            await fastapi.SendAsync(() => Request(exchange));
        }
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task Recording_ReplaysEveryRequestItHolds(string name)
    {
        var recording = FastApiRecording.Embedded(name)!;
        var settings = FastApiSettings.FromEnvironment() with { Mode = FastApiMode.Recorded };
        await using var fastapi = await FastApiApp.StartAsync(name, recording.Source, settings);

        foreach (var exchange in recording.Exchanges)
        {
            var replayed = await fastapi.SendAsync(() => Request(exchange));
            Assert.Equal(exchange.Status, replayed.Status);
            Assert.Equal(exchange.Body, replayed.Body);
        }
        Assert.Null(fastapi.NotLiveBecause!.Split(';').ElementAtOrDefault(1)); // the course's own source: nothing changed
    }

    private static HttpRequestMessage Request(RecordedExchange recorded)
    {
        var request = new HttpRequestMessage(new HttpMethod(recorded.Method), recorded.Path);
        if (recorded.RequestBody is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(recorded.RequestBody));
        }
        foreach (var header in recorded.RequestHeaders.Select(h => h.Split(": ", 2)))
        {
            if (header[0].StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content!.Headers.TryAddWithoutValidation(header[0], header[1]);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header[0], header[1]);
            }
        }
        return request;
    }
}
