using System.Xml.Linq;
using Course.Notebooks.Execution;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Packages;

namespace Course.Notebooks.Tests.Notebooks;

/// <summary>
/// A notebook names its packages in <c>#r "nuget: Id, Version"</c>; the course library that it loads was
/// built against the versions in <c>Directory.Packages.props</c>. The two must agree, or a notebook
/// loads one TestHost and the library expects another.
/// </summary>
public class NotebookPackageVersionsTests
{
    private const string TestHost = "Microsoft.AspNetCore.TestHost";

    [Fact]
    public void CheckedInNotebooks_NameTestHostAtTheCentralVersion()
    {
        var root = RepositoryRoot();
        var central = CentralVersions(XDocument.Load(Path.Combine(root, "Directory.Packages.props")));
        var notebooks = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(notebooks);
        Assert.True(central.ContainsKey(TestHost), $"Directory.Packages.props has no version for {TestHost}");

        var problems = notebooks.SelectMany(path => VersionProblems(Notebook.Load(path), central).Select(p => $"{Path.GetFileName(path)}: {p}")).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void VersionProblems_FindsAMismatchAMissingTestHostAndIgnoresOtherPackages()
    {
        var central = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [TestHost] = "10.0.15" };
        var agreeing = Notebook.Create([NotebookCell.Code("#r \"nuget: Microsoft.AspNetCore.TestHost, 10.0.15\"\n#r \"nuget: Humanizer, 2.14.1\"", id: "a")]);
        var differing = Notebook.Create([NotebookCell.Code("#r \"nuget:microsoft.aspnetcore.testhost,10.0.9\"", id: "a")]);
        var missing = Notebook.Create([NotebookCell.Code("#r \"Microsoft.AspNetCore\"\n1 + 1", id: "a")]);

        Assert.Empty(VersionProblems(agreeing, central));
        Assert.Equal(["names microsoft.aspnetcore.testhost 10.0.9, but Directory.Packages.props pins 10.0.15"], VersionProblems(differing, central));
        Assert.Equal([$"names no #r \"nuget: {TestHost}, 10.0.15\" (the course library needs it)"], VersionProblems(missing, central));
    }

    [Fact]
    public void VersionProblems_EfCoreSqlite_MustMatchTheVersionTheLibraryIsBuiltAgainst()
    {
        const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
        var central = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [TestHost] = "10.0.15", [Sqlite] = "10.0.15" };
        var agreeing = Notebook.Create([NotebookCell.Code($"#r \"nuget: {TestHost}, 10.0.15\"\n#r \"nuget: {Sqlite}, 10.0.15\"", id: "a")]);
        var differing = Notebook.Create([NotebookCell.Code($"#r \"nuget: {TestHost}, 10.0.15\"\n#r \"nuget: {Sqlite}, 11.0.0\"", id: "a")]);

        Assert.Empty(VersionProblems(agreeing, central));
        Assert.Equal([$"names {Sqlite} 11.0.0, but Directory.Packages.props pins 10.0.15"], VersionProblems(differing, central));
    }

    [Fact]
    public void CentralVersions_PinEfCoreSqliteForTheCourseLibrary()
    {
        var central = CentralVersions(XDocument.Load(Path.Combine(RepositoryRoot(), "Directory.Packages.props")));

        Assert.Equal("10.0.15", central["Microsoft.EntityFrameworkCore.Sqlite"]);
    }

    [Fact]
    public void CentralVersions_ReadsPackageVersionItems()
    {
        var props = XDocument.Parse("""
            <Project>
              <ItemGroup>
                <PackageVersion Include="Microsoft.AspNetCore.TestHost" Version="10.0.15" />
                <PackageVersion Include="xunit" Version="2.9.3" />
              </ItemGroup>
            </Project>
            """);

        var versions = CentralVersions(props);

        Assert.Equal("10.0.15", versions["microsoft.aspnetcore.testhost"]);
        Assert.Equal("2.9.3", versions["xunit"]);
    }

    /// <summary>
    /// What is wrong with a notebook's package references: a package pinned centrally but named at
    /// another version, or no TestHost at all (every notebook loads the course library, which needs it).
    /// Directives are read as the engine reads them.
    /// </summary>
    private static List<string> VersionProblems(Notebook notebook, IReadOnlyDictionary<string, string> central)
    {
        var references = notebook.Cells
            .Where(c => c.IsCode)
            .SelectMany(c => CellDirectives.Parse(c.Source).NuGetReferences)
            .Select(text => PackageReference.TryParse(text, out var reference, out _) ? reference : null)
            .OfType<PackageReference>()
            .ToList();
        var problems = references
            .Where(r => central.TryGetValue(r.Id, out var pinned) && pinned != r.Version)
            .Select(r => $"names {r.Id} {r.Version}, but Directory.Packages.props pins {central[r.Id]}")
            .ToList();
        if (!references.Any(r => r.Id.Equals(TestHost, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"names no #r \"nuget: {TestHost}, {central[TestHost]}\" (the course library needs it)");
        }
        return problems;
    }

    private static Dictionary<string, string> CentralVersions(XDocument props) =>
        props.Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Course.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside the repository: Course.sln not found above " + AppContext.BaseDirectory);
    }
}
