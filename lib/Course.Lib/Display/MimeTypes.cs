namespace Course.Display;

/// <summary>The MIME types the library's display types write.</summary>
public static class MimeTypes
{
    /// <summary><c>text/plain</c>: the terminal and the fallback.</summary>
    public const string PlainText = "text/plain";

    /// <summary><c>text/html</c>: what notebook front ends show.</summary>
    public const string Html = "text/html";

    /// <summary>An exercise check's result as JSON, read by <c>course check</c>.</summary>
    public const string CheckResult = "application/vnd.course.check+json";
}
