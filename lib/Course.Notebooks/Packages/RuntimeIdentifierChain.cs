using System.Runtime.InteropServices;

namespace Course.Notebooks.Packages;

/// <summary>
/// The RIDs whose <c>runtimes/&lt;rid&gt;/</c> assets fit this machine, most specific first: a small,
/// portable part of the SDK's RID graph (linux-x64 → linux → unix → any; osx-arm64 → osx → unix → any;
/// win-x64 → win → any; linux-musl-x64 → linux-musl → linux-x64 → linux → unix → any).
/// </summary>
internal static class RuntimeIdentifierChain
{
    /// <summary>The chain for the running process.</summary>
    public static IReadOnlyList<string> Current { get; } = For(RuntimeInformation.RuntimeIdentifier, OperatingSystem.IsLinux());

    /// <summary>The chain for <paramref name="rid"/>; <paramref name="isLinux"/> places unknown (distro) RIDs.</summary>
    public static IReadOnlyList<string> For(string rid, bool isLinux)
    {
        var chain = new List<string>();
        void Add(string r)
        {
            if (!chain.Contains(r, StringComparer.OrdinalIgnoreCase))
            {
                chain.Add(r);
            }
        }

        rid = rid.Trim().ToLowerInvariant();
        var dash = rid.LastIndexOf('-');
        var os = dash > 0 ? rid[..dash] : rid;
        var arch = dash > 0 ? rid[(dash + 1)..] : null;

        Add(rid);
        switch (os)
        {
            case "any":
                break;
            case "win":
                Add("win");
                break;
            case "osx":
                Add("osx");
                Add("unix");
                break;
            case "linux":
                Add("linux");
                Add("unix");
                break;
            case "linux-musl":
                Add("linux-musl");
                if (arch is not null)
                {
                    Add($"linux-{arch}");
                }
                Add("linux");
                Add("unix");
                break;
            case "linux-bionic":
            case "android":
                Add(os);
                if (arch is not null)
                {
                    Add($"linux-{arch}");
                }
                Add("linux");
                Add("unix");
                break;
            case "freebsd":
            case "illumos":
            case "solaris":
            case "haiku":
                Add(os);
                Add("unix");
                break;
            default:
                // A distribution RID from a source-built runtime, e.g. ubuntu.24.04-x64 or alpine.3.20-x64.
                if (isLinux && arch is not null)
                {
                    if (os.StartsWith("alpine", StringComparison.Ordinal))
                    {
                        Add($"linux-musl-{arch}");
                        Add("linux-musl");
                    }
                    Add($"linux-{arch}");
                    Add("linux");
                    Add("unix");
                }
                break;
        }
        Add("any");
        return chain;
    }
}
