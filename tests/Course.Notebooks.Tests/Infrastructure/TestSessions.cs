using Course.Notebooks.Sessions;

namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>Starts notebook sessions for tests and collects what a cell produced.</summary>
internal static class TestSessions
{
    public static Task<NotebookSession> StartAsync(string? directory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        NotebookSession.StartAsync(new NotebookSessionOptions
        {
            WorkingDirectory = directory ?? Path.GetTempPath(),
            DefaultTimeLimit = TimeSpan.FromSeconds(60),
            Environment = environment ?? new Dictionary<string, string?>(),
        });

    public static async Task<CellRunResult> RunAsync(this NotebookSession session, string code, TimeSpan? timeLimit = null, int? cellNumber = null)
    {
        var outputs = new List<CellOutput>();
        CellCompleted? completed = null;
        await foreach (var cellEvent in session.RunCellAsync(code, new CellRunOptions { TimeLimit = timeLimit, CellNumber = cellNumber }))
        {
            if (cellEvent is CellOutput output)
            {
                outputs.Add(output);
            }
            completed = cellEvent as CellCompleted ?? completed;
        }
        return new CellRunResult(outputs, completed ?? throw new InvalidOperationException("The cell's events ended without CellCompleted."));
    }

    /// <summary>Runs a cell that must succeed, failing the test with the cell's error otherwise.</summary>
    public static async Task<CellRunResult> RunOkAsync(this NotebookSession session, string code, int? cellNumber = null)
    {
        var result = await session.RunAsync(code, cellNumber: cellNumber);
        Assert.True(result.Completed.Status == CellStatus.Ok, $"The cell failed: {result.Error?.Name}: {result.Error?.Message}");
        return result;
    }
}

internal sealed record CellRunResult(IReadOnlyList<CellOutput> Outputs, CellCompleted Completed)
{
    public string Stdout => string.Concat(Outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text));

    public string Stderr => string.Concat(Outputs.OfType<StreamOutput>().Where(s => s.Name == "stderr").Select(s => s.Text));

    public ErrorOutput? Error => Outputs.OfType<ErrorOutput>().SingleOrDefault();

    public string? Result => Outputs.OfType<ResultOutput>().SingleOrDefault()?.Data["text/plain"];

    public CellStatus Status => Completed.Status;
}
