using Course.Concurrency;

namespace Course.Lib.Tests.Concurrency;

public class ThreadPoolSamplerTests
{
    [Fact]
    public void Start_ThenStop_TakesAFirstAndALastSample()
    {
        var sampler = ThreadPoolSampler.Start(TimeSpan.FromMinutes(1));
        sampler.Stop();

        Assert.Equal(2, sampler.Samples.Count);
        Assert.True(sampler.Samples[0].At < TimeSpan.FromSeconds(1));
        Assert.All(sampler.Samples, s => Assert.True(s.Threads >= 0));
        sampler.Dispose();
    }

    [Fact]
    public async Task Sampling_KeepsGoingWhileRunning()
    {
        using var sampler = ThreadPoolSampler.Start(TimeSpan.FromMilliseconds(5));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sampler.Samples.Count < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        sampler.Stop();

        Assert.True(sampler.Samples.Count >= 4);
        Assert.Equal(sampler.Samples.OrderBy(s => s.At), sampler.Samples);
    }

    [Fact]
    public void Every_GivesOneRowPerStep_WhateverTheTiming()
    {
        using var sampler = ThreadPoolSampler.Start(TimeSpan.FromMinutes(1));
        sampler.Stop();

        var rows = sampler.Every(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));

        Assert.Equal([0, 250, 500, 750, 1000], rows.Select(r => r.At.TotalMilliseconds));
        var table = ThreadPoolSampler.Table(rows).Split('\n');
        Assert.Equal(6, table.Length);
        Assert.Contains("pool threads", table[0]);
    }
}
