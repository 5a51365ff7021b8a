using Course.Concurrency;

namespace Course.Lib.Tests.Concurrency;

/// <summary>
/// <see cref="BesideARequest"/>: only what holds however loaded the machine is (a blocked thread can only make things
/// later), so no bound on how fast anything must be.
/// </summary>
public class BesideARequestTests
{
    [Fact]
    public async Task Blocking_NoHeartbeatDuringTheRequest_AndTheDataIsReadOnlyAfterIt()
    {
        var blocked = await BesideARequest.RunAsync(blocking: true);

        Assert.Equal(0, blocked.BeatsDuringRequest);
        Assert.True(blocked.RequestEndMs - blocked.RequestStartMs >= 490, blocked.ToString());
        Assert.True(blocked.LongestGapMs >= 490, blocked.ToString());
        Assert.True(blocked.ReadMs >= blocked.RequestEndMs, blocked.ToString());
        Assert.True(blocked.WrittenMs >= blocked.RequestStartMs, blocked.ToString());
        Assert.True(blocked.ReadLateMs >= 0, blocked.ToString());
    }

    [Fact]
    public async Task Awaiting_TheHeartbeatGoesOnDuringTheRequest()
    {
        var awaited = await BesideARequest.RunAsync(blocking: false);

        Assert.True(awaited.BeatsDuringRequest >= 1, awaited.ToString());
        Assert.True(awaited.Beats >= awaited.BeatsDuringRequest + 1, awaited.ToString());
        Assert.True(awaited.RequestEndMs - awaited.RequestStartMs >= 490, awaited.ToString());
        Assert.True(awaited.ReadMs >= awaited.WrittenMs, awaited.ToString());
    }
}
