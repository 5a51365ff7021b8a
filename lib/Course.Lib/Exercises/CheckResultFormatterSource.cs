using Course.Display;

namespace Course.Exercises;

/// <summary>Shows a <see cref="CheckResult"/> as a table (HTML), as lines (text) and as JSON for the course engine.</summary>
internal sealed class CheckResultFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<CheckResult>(MimeTypes.Html, ToHtml),
        new MimeFormatter<CheckResult>(MimeTypes.PlainText, result => result.ToString()),
        new MimeFormatter<CheckResult>(MimeTypes.CheckResult, result => result.ToJson()),
    ];

    private static string ToHtml(CheckResult result)
    {
        var colour = result.Outcome switch
        {
            CheckOutcome.Correct => "#2e7d32",
            CheckOutcome.Incorrect => "#c62828",
            _ => "#616161",
        };
        return $"<div><p style=\"color:{colour};font-weight:bold\">{Html.Encode($"{result.Id} {result.Title}")}: {Html.Encode(result.Summary)}</p>" +
               Html.Table(["", "case", "result"], result.Cases.Select(c => new[]
               {
                   CheckResult.Symbol(c.Outcome),
                   c.Name,
                   c.Outcome == CaseOutcome.Passed ? "passed" : c.Message,
               })) +
               "</div>";
    }
}
