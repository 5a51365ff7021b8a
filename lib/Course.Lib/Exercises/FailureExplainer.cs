using System.Diagnostics;
using System.Reflection;

namespace Course.Exercises;

/// <summary>
/// Turns an exception a check case ended with into one message a learner can act on: the innermost cause, the
/// classic framework errors said in the learner's terms (the framework's own text once, in brackets), and whose
/// fault it is — the learner's code, the framework running the learner's answer, or the check itself.
/// </summary>
internal static class FailureExplainer
{
    private static readonly Assembly Library = typeof(FailureExplainer).Assembly;

    // A framework message (a fragment of it, compared ignoring case), and what it means for the learner.
    private static readonly (string[] Fragments, string Meaning)[] s_classics =
    [
        (["response has already started"],
            "Your code set the status or a header after the body had started. In HTTP the status line and the headers go before the body: " +
            "set StatusCode, ContentType and headers first, then write the body."),
        (["Synchronous operations are disallowed"],
            "Your code read or wrote the body synchronously, which ASP.NET Core refuses because it blocks a thread: use the Async methods and await them."),
        (["Cannot resolve scoped service", "from root provider"],
            "Your code resolved a scoped service from the root provider. Create a scope (await using var scope = provider.CreateAsyncScope()) " +
            "and resolve it from scope.ServiceProvider."),
        (["Cannot consume scoped service", "from singleton"],
            "A singleton depends on a scoped service (a captive dependency): it would keep one request's instance for the app's lifetime."),
        (["Unable to resolve service for type"],
            "A service the app needs is not registered."),
        (["No service for type"],
            "A service your code asked for is not registered."),
        (["Cannot access a disposed object", "IServiceProvider"],
            "Your code used a service provider (a scope) after it was disposed."),
    ];

    /// <summary>The message for a case that ended with <paramref name="error"/>: neither a check failure nor a NotImplementedException.</summary>
    public static string Explain(Exception error)
    {
        var innermost = Innermost(error);
        var said = $"{innermost.GetType().Name}: {innermost.Message}";
        foreach (var (fragments, meaning) in s_classics)
        {
            if (fragments.All(f => innermost.Message.Contains(f, StringComparison.OrdinalIgnoreCase)))
            {
                return $"{meaning} (.NET said: {said})";
            }
        }
        var frames = Chain(error).SelectMany(e => new StackTrace(e, fNeedFileInfo: false).GetFrames())
            .Select(f => f.GetMethod()?.DeclaringType?.Assembly).OfType<Assembly>().ToList();
        if (frames.Any(IsLearners))
        {
            return $"Your code threw {said}";
        }
        // Who threw it: the first frame that is not a throw helper (ArgumentNullException.ThrowIfNull and the like).
        // The library throwing is the check's own fault; .NET throwing while the check ran the learner's configuration
        // (an endpoint it cannot build, say) is not.
        var thrower = new StackTrace(innermost, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod()).OfType<MethodBase>()
            .FirstOrDefault(m => !m.Name.StartsWith("Throw", StringComparison.Ordinal))?.DeclaringType?.Assembly;
        return thrower == Library
            ? $"The check itself failed while it examined your answer ({said}). That is a fault of the check, not necessarily of your code: please report it."
            : $"Running your answer, .NET threw {said}";
    }

    /// <summary>The innermost exception of a chain of wrappers and causes.</summary>
    public static Exception Innermost(Exception error) => Chain(error).Last();

    /// <summary>The exception and its causes, outermost first (an aggregate's first inner exception).</summary>
    public static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e is AggregateException aggregate ? aggregate.InnerExceptions.FirstOrDefault() : e.InnerException)
        {
            yield return e;
        }
    }

    // Code that is neither .NET's nor the course library's: the learner's cells (or a test's own code).
    private static bool IsLearners(Assembly assembly) => assembly != Library && !IsFramework(assembly);

    private static bool IsFramework(Assembly assembly) =>
        assembly.GetName().Name is { } name &&
        (name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) ||
         name is "mscorlib" or "netstandard" || name.StartsWith("Course.Notebooks", StringComparison.Ordinal));
}
