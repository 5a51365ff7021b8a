using System.Text.Json.Serialization;
using Course.Notebooks.Editing;
using Course.Notebooks.Sessions;

namespace Course.Notebooks.Protocol;

// The session (parent) and the worker (child process) exchange one JSON object per line over a
// named pipe. The worker's own stdout and stderr stay free, so nothing a cell or the runtime
// prints there can corrupt the protocol.

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunCellRequest), "run")]
[JsonDerivedType(typeof(InterruptRequest), "interrupt")]
[JsonDerivedType(typeof(ShutdownRequest), "shutdown")]
[JsonDerivedType(typeof(CompleteRequest), "complete")]
[JsonDerivedType(typeof(InspectRequest), "inspect")]
internal abstract record WorkerRequest;

/// <param name="Code">The cell's source.</param>
/// <param name="CellNumber">1-based number among code cells, used in messages and stack traces.</param>
/// <param name="ExecutionCount">The session's execution counter for this run.</param>
/// <param name="TimeLimitMs">The cell's time limit; 0 or less means none.</param>
/// <param name="TimeLimitAdvice">What to tell the user when the cell is stopped at its limit; null: the course command's advice.</param>
internal sealed record RunCellRequest(string Code, int CellNumber, int ExecutionCount, int TimeLimitMs, string? TimeLimitAdvice = null) : WorkerRequest;

/// <param name="ExecutionCount">The run to interrupt: a late request must not stop the next cell.</param>
internal sealed record InterruptRequest(int ExecutionCount) : WorkerRequest;

internal sealed record ShutdownRequest : WorkerRequest;

/// <param name="Id">Matches the answer (<see cref="CompletionsMessage"/>) to the request.</param>
/// <param name="Code">The cell being edited.</param>
/// <param name="Position">The cursor, a UTF-16 offset into <paramref name="Code"/>.</param>
internal sealed record CompleteRequest(int Id, string Code, int Position) : WorkerRequest;

/// <param name="Id">Matches the answer (<see cref="InspectionMessage"/>) to the request.</param>
/// <param name="Code">The cell being edited.</param>
/// <param name="Position">The cursor, a UTF-16 offset into <paramref name="Code"/>.</param>
internal sealed record InspectRequest(int Id, string Code, int Position) : WorkerRequest;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ReadyMessage), "ready")]
[JsonDerivedType(typeof(CellEventMessage), "event")]
[JsonDerivedType(typeof(LogMessage), "log")]
[JsonDerivedType(typeof(FatalMessage), "fatal")]
[JsonDerivedType(typeof(CompletionsMessage), "completions")]
[JsonDerivedType(typeof(InspectionMessage), "inspection")]
internal abstract record WorkerMessage;

internal sealed record ReadyMessage(int ProcessId) : WorkerMessage;

/// <param name="ExecutionCount">The run the event belongs to.</param>
/// <param name="Event">What the cell produced.</param>
internal sealed record CellEventMessage(int ExecutionCount, CellEvent Event) : WorkerMessage;

/// <summary>Engine diagnostics, and console output written while no cell was running.</summary>
internal sealed record LogMessage(string Level, string Message) : WorkerMessage;

/// <summary>Sent just before the worker dies of an unhandled exception on a background thread.</summary>
internal sealed record FatalMessage(string Message) : WorkerMessage;

internal sealed record CompletionsMessage(int Id, CellCompletions Completions) : WorkerMessage;

internal sealed record InspectionMessage(int Id, CellInspection Inspection) : WorkerMessage;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(WorkerRequest))]
[JsonSerializable(typeof(WorkerMessage))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
