namespace Course.Notebooks.Packages;

/// <summary>What a set of packages brings to a running notebook, as full paths.</summary>
/// <param name="Assemblies">
/// The managed runtime assemblies of the whole dependency closure, to reference and load:
/// <c>lib/&lt;tfm&gt;/</c> files, or <c>runtimes/&lt;rid&gt;/lib/&lt;tfm&gt;/</c> files when the package has
/// them for the current platform. Never reference assemblies from <c>ref/</c>.
/// </param>
/// <param name="NativeLibraries">
/// The <c>runtimes/&lt;rid&gt;/native/</c> files for the best match of the current platform's RID.
/// </param>
/// <param name="FromCache">True when no process was started to produce this result.</param>
public sealed record RestoreResult(IReadOnlyList<string> Assemblies, IReadOnlyList<string> NativeLibraries, bool FromCache);
