using System.Text.Json;
using Course.Http;

namespace Course.Exercises;

/// <summary>Assertions for check cases: each throws <see cref="CheckFailedException"/> with a message a learner can act on.</summary>
public static class Expect
{
    // Quotes a string as C# and JSON would, escaping only what must be (quotes as \", not \u0022; no escaped non-ASCII).
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Fails with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void That(bool condition, string message)
    {
        if (!condition)
        {
            throw new CheckFailedException(message);
        }
    }

    /// <summary>Fails unless <paramref name="actual"/> equals <paramref name="expected"/>; <paramref name="what"/> names the value.</summary>
    public static void Equal<T>(T expected, T actual, string what = "the result")
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new CheckFailedException($"Expected {what} to be {Show(expected)}, but it was {Show(actual)}.");
        }
    }

    /// <summary>Fails unless the response has status <paramref name="expected"/>.</summary>
    public static void Status(int expected, HttpExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.Status != expected)
        {
            var body = exchange.Body.Length == 0 ? "" : $" (body: {Shorten(exchange.Body)})";
            throw new CheckFailedException(
                $"{exchange.Method} {exchange.Uri.PathAndQuery} should answer {expected} {ReasonPhrase(expected)}, " +
                $"but answered {exchange.Status} {ReasonPhrase(exchange.Status)}{body}.");
        }
    }

    /// <summary>Fails unless the response carries header <paramref name="name"/> with value <paramref name="expected"/>.</summary>
    public static void Header(string name, string expected, HttpExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var actual = exchange.Header(name);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new CheckFailedException(actual is null
                ? $"{exchange.Method} {exchange.Uri.PathAndQuery} should send the header {name}: {expected}, but sent no {name} header."
                : $"{exchange.Method} {exchange.Uri.PathAndQuery} should send the header {name}: {expected}, but sent {name}: {actual}.");
        }
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string text => JsonSerializer.Serialize(text, s_readable),
        _ => value.ToString() ?? "",
    };

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";

    /// <summary>A response body as a failure message quotes it: "an empty body", or its first 160 characters.</summary>
    internal static string DescribeBody(string body) => body.Length == 0 ? "an empty body" : body.Length <= 160 ? body : body[..160] + "…";
}
