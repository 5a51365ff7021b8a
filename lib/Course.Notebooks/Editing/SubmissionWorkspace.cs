using Course.Notebooks.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace Course.Notebooks.Editing;

/// <summary>
/// The session's cells as a Roslyn workspace, the way the C# interactive window models them: every cell
/// that ran is a submission project that references the one before it, and the cell being edited is a
/// last, throw-away submission on top. Roslyn's editor services (completion, quick info) then see
/// exactly what the cell would see when it runs. Used from one thread only.
/// </summary>
internal sealed class SubmissionWorkspace : IDisposable
{
    private readonly AdhocWorkspace _workspace = new(MefHostServices.DefaultHost);
    private readonly List<(Script Script, ProjectId Project)> _submissions = [];
    private readonly Dictionary<(string, MetadataReferenceProperties), MetadataReference> _documented = [];
    private ProjectId? _editing;

    /// <summary>
    /// A document holding <paramref name="code"/> as the cell after <paramref name="lastRun"/> (the
    /// session's last submission, or null before the first), compiled with <paramref name="options"/>.
    /// </summary>
    public Document Edit(Script? lastRun, ScriptOptions options, string code)
    {
        var chain = Chain(lastRun);
        if (_submissions.Count > chain.Count || !_submissions.Select(s => s.Script).SequenceEqual(chain.Take(_submissions.Count)))
        {
            Reset(); // not a continuation of what this workspace holds (cannot happen in one session, but stay correct)
        }
        var solution = _workspace.CurrentSolution;
        if (_editing is not null)
        {
            solution = solution.RemoveProject(_editing);
        }
        foreach (var script in chain.Skip(_submissions.Count))
        {
            var id = ProjectId.CreateNewId();
            solution = AddSubmission(solution, id, script.GetCompilation(), script.Code, Previous());
            _submissions.Add((script, id));
        }

        _editing = ProjectId.CreateNewId();
        var template = lastRun is null
            ? Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.Create("", options, typeof(CellGlobals))
            : lastRun.ContinueWith("", options);
        solution = AddSubmission(solution, _editing, template.GetCompilation(), code, Previous());
        if (!_workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("The editor workspace did not accept the cell.");
        }
        return _workspace.CurrentSolution.GetProject(_editing)!.Documents.Single();

        ProjectId? Previous() => _submissions.Count == 0 ? null : _submissions[^1].Project;
    }

    public void Dispose() => _workspace.Dispose();

    private void Reset()
    {
        _workspace.ClearSolution();
        _submissions.Clear();
        _editing = null;
    }

    private Solution AddSubmission(Solution solution, ProjectId id, Compilation compilation, string code, ProjectId? previous)
    {
        var name = $"cell{solution.ProjectIds.Count + 1}";
        var project = ProjectInfo.Create(
            id,
            VersionStamp.Create(),
            name,
            name,
            LanguageNames.CSharp,
            isSubmission: true,
            compilationOptions: compilation.Options,
            parseOptions: Execution.CellCompiler.ParseOptions,
            metadataReferences: compilation.References.Select(WithDocumentation).Distinct(),
            projectReferences: previous is null ? null : [new ProjectReference(previous)],
            hostObjectType: typeof(CellGlobals));
        return solution
            .AddProject(project)
            .AddDocument(DocumentId.CreateNewId(id), name + ".csx", SourceText.From(code));
    }

    // The compiler's references carry no documentation; the editor's do (one per file, shared by every submission).
    private MetadataReference WithDocumentation(MetadataReference reference)
    {
        if (reference is not PortableExecutableReference { FilePath: { } path } file)
        {
            return reference;
        }
        if (!_documented.TryGetValue((path, file.Properties), out var documented))
        {
            documented = MetadataReference.CreateFromFile(path, file.Properties, DocumentationFiles.For(path));
            _documented[(path, file.Properties)] = documented;
        }
        return documented;
    }

    private static List<Script> Chain(Script? last)
    {
        var chain = new List<Script>();
        for (var script = last; script is not null; script = script.Previous)
        {
            chain.Add(script);
        }
        chain.Reverse();
        return chain;
    }
}
