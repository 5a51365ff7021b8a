using System.Text.Json.Serialization;

namespace Course.Notebooks.Sessions;

/// <summary>Something a running cell produced: an output, or the end of the cell.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(StreamOutput), "stream")]
[JsonDerivedType(typeof(DisplayOutput), "display")]
[JsonDerivedType(typeof(ResultOutput), "result")]
[JsonDerivedType(typeof(ErrorOutput), "error")]
[JsonDerivedType(typeof(CellStarted), "started")]
[JsonDerivedType(typeof(CellCompleted), "completed")]
public abstract record CellEvent;

/// <summary>An output of a cell, in the order the cell produced it.</summary>
public abstract record CellOutput : CellEvent;

/// <summary>Text the cell wrote to the console (<c>stdout</c> or <c>stderr</c>).</summary>
public sealed record StreamOutput(string Name, string Text) : CellOutput;

/// <summary>
/// A value shown with <c>display(x)</c>: formatted data keyed by MIME type. <paramref name="DisplayId"/> names the output;
/// an output with <paramref name="IsUpdate"/> replaces the earlier one with that id (<c>display(x).Update(y)</c>).
/// </summary>
public sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data, string? DisplayId = null, bool IsUpdate = false) : CellOutput;

/// <summary>The value of the cell's last expression (no trailing semicolon), formatted by MIME type.</summary>
public sealed record ResultOutput(IReadOnlyDictionary<string, string> Data) : CellOutput;

/// <summary>Why an error output was produced.</summary>
public enum ErrorKind
{
    /// <summary>The cell did not compile (a C# diagnostic such as CS0029).</summary>
    Compilation,
    /// <summary>A directive the engine (and the Polyglot rules) do not allow, or one that failed.</summary>
    Directive,
    /// <summary>The cell threw an exception.</summary>
    Exception,
    /// <summary>The cell ran past its time limit and was stopped.</summary>
    TimeLimit,
    /// <summary>The cell was interrupted on request.</summary>
    Interrupted,
    /// <summary>The cell ended the notebook's process (stack overflow, <c>Environment.Exit</c>, a crash).</summary>
    ProcessEnded,
}

/// <summary>
/// An error, located in the notebook: <paramref name="Name"/> is the diagnostic id or exception
/// type, <paramref name="Line"/> the 1-based line within the cell when known.
/// </summary>
public sealed record ErrorOutput(
    ErrorKind Kind,
    string Name,
    string Message,
    int? Line,
    IReadOnlyList<string> Traceback) : CellOutput;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Ok,
    /// <summary>Did not compile, or threw, or used a forbidden directive.</summary>
    Failed,
    /// <summary>Stopped at its time limit.</summary>
    TimedOut,
    /// <summary>Stopped on request.</summary>
    Interrupted,
    /// <summary>Ended the process; the session is gone.</summary>
    ProcessEnded,
}

/// <summary>The first event of every cell run, before its code runs (a front end shows the cell as busy).</summary>
public sealed record CellStarted : CellEvent;

/// <summary>The last event of every cell run.</summary>
/// <param name="Status">How the cell ended.</param>
/// <param name="ExecutionCount">The session's execution counter for this cell.</param>
/// <param name="Duration">Wall-clock time the cell took.</param>
/// <param name="SessionNeedsRestart">True when the session cannot run more cells (code stuck past its limit, or the process ended).</param>
public sealed record CellCompleted(
    CellStatus Status,
    int ExecutionCount,
    TimeSpan Duration,
    bool SessionNeedsRestart) : CellEvent;
