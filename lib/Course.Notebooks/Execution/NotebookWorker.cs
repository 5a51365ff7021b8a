using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Course.Notebooks.Display;
using Course.Notebooks.Packages;
using Course.Notebooks.Protocol;
using Course.Notebooks.Runtime;
using Course.Notebooks.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Execution;

/// <summary>
/// The notebook's side of a session, inside the worker process: runs cells one after another on a
/// dedicated thread, in one script state, and reports what they produce.
/// </summary>
internal sealed class NotebookWorker
{
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(5);

    private readonly ConsoleRouter _router;
    private readonly Action<int, CellEvent> _send;
    private readonly Action<string, string> _log;
    private readonly CellReferenceResolver _resolver;
    private readonly PackageLoader _packageLoader = new();
    private readonly PackageRestorer _restorer;
    private readonly ScriptOptions _options;
    private readonly CellGlobals _globals;
    private readonly Watchdog _watchdog = new(s_stopGrace);
    private readonly BlockingCollection<RunCellRequest> _queue = [];
    private readonly List<PackageReference> _packages = [];
    private ScriptState<object>? _state;
    private volatile CellRun? _current;

    public NotebookWorker(string directory, ConsoleRouter router, Action<int, CellEvent> send, Action<string, string> log, PackageRestorer restorer)
    {
        _router = router;
        _send = send;
        _log = log;
        _restorer = restorer;
        _resolver = new CellReferenceResolver(directory);
        _options = CellCompiler.CreateOptions(_resolver);
        _globals = new CellGlobals(Display);
        new Thread(CellLoop) { IsBackground = true, Name = "course-cells" }.Start();
        new Thread(PumpOutput) { IsBackground = true, Name = "course-output" }.Start();
    }

    public void Enqueue(RunCellRequest request) => _queue.Add(request);

    /// <summary>Called on the cells' thread after each cell has sent its end.</summary>
    public Action? CellEnded { get; set; }

    /// <summary>True while a cell runs or waits to run.</summary>
    public bool IsBusy => _current is not null || _queue.Count > 0;

    /// <summary>The last cell that ran and the options the next one compiles with: what the editor services see.</summary>
    public (Script? LastRun, ScriptOptions Options) Snapshot() => (Volatile.Read(ref _state)?.Script, CurrentOptions());

    /// <summary>Interrupts the run with this execution count, if it is still running (a late request does not stop the next cell).</summary>
    public void Interrupt(int executionCount) => _watchdog.Interrupt(executionCount);

    /// <summary>Stops taking cells; returns console text written while no cell ran.</summary>
    public string Shutdown()
    {
        _queue.CompleteAdding();
        return _router.TakeOrphanedText();
    }

    private void CellLoop()
    {
        foreach (var request in _queue.GetConsumingEnumerable())
        {
            Run(request);
        }
    }

    // Streams console output while a cell runs, from a thread the cell cannot starve.
    private void PumpOutput()
    {
        while (!_queue.IsCompleted)
        {
            Thread.Sleep(100);
            _router.Flush();
        }
    }

    private void Run(RunCellRequest request)
    {
        var run = new CellRun(request, cellEvent => _send(request.ExecutionCount, cellEvent), text => _log("warning", text));
        _current = run;
        _router.BeginCell(run.Emit);
        _watchdog.Watch(run);
        CellStatus status;
        CellOutput[] outputs;
        try
        {
            (status, outputs) = Execute(run);
        }
        catch (Exception e)
        {
            // A failure of the engine itself (or of the compiler) must not end the session.
            var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
            var (name, message) = CrashedInTheCompiler(inner)
                ? ("CompilerCrash", $"The C# compiler crashed while compiling cell {request.CellNumber} ({inner.GetType().Name} inside Roslyn): " +
                    "a bug in the compiler, not an error in the cell. Write the statement another way (for example, declare the " +
                    "variables first and assign them from the expression) and run the cell again.")
                : ("EngineError", $"The course engine failed while running cell {request.CellNumber}: {inner.GetType().Name}: {inner.Message}");
            (status, outputs) = Failed(new ErrorOutput(ErrorKind.Exception, name, message, null, [message, .. inner.ToString().Split('\n')]));
        }
        finally
        {
            _watchdog.Unwatch(run);
        }
        _router.EndCell();
        _current = null;
        if (run.StopReason != StopReason.None && status == CellStatus.Ok)
        {
            // The cell did not stop (it caught the request, or never checked) and ran on: it still ran past its limit.
            (status, outputs) = StoppedResult(run, finishedAnyway: true);
        }
        run.TryComplete(status, needsRestart: false, outputs);
        CellEnded?.Invoke();
    }

    // The exception was thrown by Roslyn itself (its first stack frame is in Microsoft.CodeAnalysis), not by the engine.
    private static bool CrashedInTheCompiler(Exception exception) =>
        exception.StackTrace?.TrimStart().StartsWith("at Microsoft.CodeAnalysis.", StringComparison.Ordinal) == true;

    private (CellStatus, CellOutput[]) Execute(CellRun run)
    {
        var request = run.Request;
        var directives = CellDirectives.Parse(request.Code);
        if (directives.Errors.Count > 0)
        {
            return Failed(directives.Errors.Select(e => DirectiveError(request.CellNumber, e.Line, e.Message)).ToArray());
        }
        if (directives.NuGetReferences.Count > 0 && RestorePackages(run, directives.NuGetReferences) is { } restoreError)
        {
            return run.StopReason != StopReason.None ? StoppedResult(run) : Failed(restoreError);
        }

        var options = CurrentOptions().WithFilePath(CellCompiler.CellFileName(request.CellNumber));
        var (script, errors) = Compile(GuardRewriter.Rewrite(directives.Code, CellCompiler.ParseOptions), options);
        if (!errors.IsEmpty)
        {
            // Report the learner's own code: compile it as written (and, should only the guarded
            // version fail, run it unguarded rather than reject a valid cell).
            (script, errors) = Compile(directives.Code, options);
            if (!errors.IsEmpty)
            {
                return Failed(CompilationError(request.CellNumber, errors));
            }
            _log("warning", $"Cell {request.CellNumber} runs without stop guards: the rewritten cell did not compile.");
        }
        if (run.StopReason != StopReason.None)
        {
            return StoppedResult(run);
        }

        CellGuard.Enter(run.Scope); // flows into everything the cell starts
        _watchdog.StartClock(run);
        ScriptState<object> state;
        try
        {
            var task = _state is null
                ? script.RunAsync(_globals, catchException: _ => true)
                : script.RunFromAsync(_state, catchException: _ => true);
            state = task.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            // Failures of the engine's own machinery (loading a referenced assembly, for example).
            return Failed(ExceptionError(request.CellNumber, e));
        }
        Volatile.Write(ref _state, state);

        if (state.Exception is { } exception)
        {
            return exception is CellStoppedException && run.StopReason != StopReason.None
                ? StoppedResult(run)
                : Failed(ExceptionError(request.CellNumber, exception));
        }
        // A cell that ends with display(x) and no semicolon returns the display's handle: it was shown already.
        if (!CellCompiler.HasResultValue(script.GetCompilation()) || state.ReturnValue is DisplayedValue)
        {
            return (CellStatus.Ok, []);
        }
        try
        {
            // Still under the time limit: formatting a lazy sequence or a slow ToString runs cell code.
            return (CellStatus.Ok, [new ResultOutput(ValueFormatter.Format(state.ReturnValue))]);
        }
        catch (Exception e)
        {
            return e is CellStoppedException && run.StopReason != StopReason.None
                ? StoppedResult(run)
                : Failed(ExceptionError(request.CellNumber, e));
        }
    }

    private ScriptOptions CurrentOptions() => _options.AddReferences(_resolver.PackageReferences);

    private (Script<object> Script, ImmutableArray<Diagnostic> Errors) Compile(string code, ScriptOptions options)
    {
        var script = _state is null
            ? CSharpScript.Create(code, options, typeof(CellGlobals))
            : _state.Script.ContinueWith(code, options);
        ImmutableArray<Diagnostic> errors = [.. script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error)];
        return (script, errors.IsEmpty ? [.. ObjectMembersRule.Find(script.GetCompilation())] : errors);
    }

    private ErrorOutput? RestorePackages(CellRun run, IReadOnlyList<string> directives)
    {
        var request = run.Request;
        // Like Polyglot, the session's packages are restored together; a cell's new ones join the set once they restore.
        var packages = new List<PackageReference>(_packages);
        foreach (var directive in directives)
        {
            var line = LineOf(request.Code, directive);
            if (!PackageReference.TryParse(directive, out var reference, out var error))
            {
                return DirectiveError(request.CellNumber, line, error);
            }
            if (_packages.Find(p => string.Equals(p.Id, reference.Id, StringComparison.OrdinalIgnoreCase)) is { } loaded && loaded.Version != reference.Version)
            {
                return DirectiveError(request.CellNumber, line,
                    $"{loaded.Id} {loaded.Version} is already loaded in this session and cannot be replaced by {reference.Version}: restart the notebook to change the version");
            }
            packages.RemoveAll(p => string.Equals(p.Id, reference.Id, StringComparison.OrdinalIgnoreCase));
            packages.Add(reference);
        }
        try
        {
            var result = _restorer.RestoreAsync(packages, run.StopToken).GetAwaiter().GetResult();
            _packages.Clear();
            _packages.AddRange(packages);
            _log("debug", result.FromCache ? "packages: cache hit" : "packages: restored with dotnet restore");
            _resolver.AddPackageAssemblies(result.Assemblies);
            _packageLoader.Add(result);
            return null;
        }
        catch (PackageRestoreException e)
        {
            var failing = directives.FirstOrDefault(d => PackageReference.TryParse(d, out var r, out _) && e.Message.Contains(r.Id, StringComparison.OrdinalIgnoreCase));
            return DirectiveError(request.CellNumber, LineOf(request.Code, failing ?? directives[0]), e.Message);
        }
        catch (OperationCanceledException) when (run.StopReason != StopReason.None)
        {
            return DirectiveError(request.CellNumber, LineOf(request.Code, directives[0]), "the restore was stopped");
        }
    }

    // display(x) (isUpdate false) and its handle's Update(x) (true). An update may come while a later cell runs: Jupyter
    // front ends replace the output wherever it is, as Polyglot does.
    private void Display(object? value, string[] mimeTypes, string displayId, bool isUpdate)
    {
        var data = ValueFormatter.Format(value, mimeTypes);
        if (_current is { } run)
        {
            _router.Flush(); // console text written before display() comes first
            if (run.AdmitDisplay(data, displayId, isUpdate) is { } output)
            {
                run.Emit(output);
            }
        }
        else
        {
            _log("warning", (isUpdate ? "A display was updated" : "display() was called") + " while no cell was running: " + data[ValueFormatter.PlainText]);
        }
    }

    private static (CellStatus, CellOutput[]) Failed(params CellOutput[] outputs) => (CellStatus.Failed, outputs);

    private static (CellStatus, CellOutput[]) StoppedResult(CellRun run, bool finishedAnyway = false)
    {
        var message = run.StopMessage(run.StopReason, finishedAnyway);
        return run.StopReason == StopReason.Interrupted
            ? (CellStatus.Interrupted, [new ErrorOutput(ErrorKind.Interrupted, "Interrupted", message, null, [message])])
            : (CellStatus.TimedOut, [new ErrorOutput(ErrorKind.TimeLimit, "TimeLimitExceeded", message, null, [message])]);
    }

    private static ErrorOutput DirectiveError(int cell, int line, string message) =>
        new(ErrorKind.Directive, "Directive", message, line, [$"cell {cell}, line {line}: {message}"]);

    private static ErrorOutput CompilationError(int cell, ImmutableArray<Diagnostic> errors)
    {
        var first = errors[0];
        var lines = errors.Select(d => LineOf(d) is { } line
            ? $"cell {cell}, line {line}: error {d.Id}: {Message(d)}"
            : $"cell {cell}: error {d.Id}: {Message(d)}").ToList();
        return new ErrorOutput(ErrorKind.Compilation, first.Id, Message(first), LineOf(first), lines);

        // A missing DLL is usually a project that has not been built yet: say how to build the course's.
        static string Message(Diagnostic diagnostic) =>
            diagnostic.Id == "CS0006" && diagnostic.GetMessage(CultureInfo.InvariantCulture).Contains(".dll", StringComparison.OrdinalIgnoreCase)
            ? diagnostic.GetMessage(CultureInfo.InvariantCulture) +
              " (#r paths are relative to the notebook's folder. If the file is a build output, build it first: " +
              "the course library with `dotnet build lib/Course.Lib`, which ./course does for you.)"
            : diagnostic.GetMessage(CultureInfo.InvariantCulture);

        static int? LineOf(Diagnostic diagnostic) =>
            diagnostic.Location.IsInSource ? diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1 : null;
    }

    private static ErrorOutput ExceptionError(int cell, Exception exception)
    {
        // The frame that threw (not an inner exception's), else the first cell frame anywhere.
        var frame = CellCompiler.FirstCellFrame(exception.StackTrace) ?? CellCompiler.FirstCellFrame(exception.ToString());
        var line = frame is { } f && f.Cell == cell ? f.Line : (int?)null;
        if (exception is OutOfMemoryException)
        {
            var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            var message = $"The notebook's process ran out of memory: its heap may hold at most {limit / (1024.0 * 1024 * 1024):0.##} GB, and the " +
                "cell asked for more. Hold less (a list that only grows, every response of a loop); what the cell still references stays " +
                "in memory, so restart the notebook if the next cells fail the same way.";
            return new ErrorOutput(ErrorKind.Exception, exception.GetType().FullName!, message, line, [message, .. CleanStackTrace(exception)]);
        }
        if (exception is InsufficientExecutionStackException)
        {
            var message = "The call stack is nearly full: the recursion is too deep (or never ends).";
            return new ErrorOutput(ErrorKind.Exception, exception.GetType().FullName!, message, line, [message]);
        }
        var traceback = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        traceback.AddRange(CleanStackTrace(exception));
        return new ErrorOutput(ErrorKind.Exception, exception.GetType().FullName!, exception.Message, line, traceback);
    }

    // The exception's frames as a learner reads them: without the engine's and Roslyn's own frames,
    // and with script frames named by cell ("at Explode() in cell 20, line 3").
    private static IEnumerable<string> CleanStackTrace(Exception exception) =>
        exception.ToString().Split('\n')
            .Skip(1)
            .Select(l => l.TrimEnd('\r'))
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal) &&
                        !l.Contains("Course.Notebooks.", StringComparison.Ordinal) &&
                        !l.Contains("--- End of stack trace from previous location ---", StringComparison.Ordinal))
            .Select(CellCompiler.ReadableFrame);

    private static int LineOf(string code, string text)
    {
        var lines = code.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return index < 0 ? 1 : index + 1;
    }
}
