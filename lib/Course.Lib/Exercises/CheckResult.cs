using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Display;

namespace Course.Exercises;

/// <summary>One case's result: its name, outcome and, unless it passed, what went wrong.</summary>
/// <param name="Name">What the case checks.</param>
/// <param name="Outcome">Passed, failed or not attempted.</param>
/// <param name="Message">Why it failed; empty when it passed.</param>
public sealed record CaseResult(string Name, CaseOutcome Outcome, string Message);

/// <summary>
/// The result of checking an exercise: shown as a table of cases in a notebook, and emitted as
/// <c>application/vnd.course.check+json</c> (<see cref="ToJson"/>) for <c>course check</c>.
/// </summary>
/// <param name="Id">The exercise's id, for example <c>01.2</c>.</param>
/// <param name="Title">The exercise's title.</param>
/// <param name="Outcome">Correct, incorrect or not attempted.</param>
/// <param name="Summary">One sentence for the learner: what to do next.</param>
/// <param name="Cases">Every case, in order.</param>
[TypeFormatterSource(typeof(CheckResultFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText, MimeTypes.CheckResult])]
public sealed record CheckResult(string Id, string Title, CheckOutcome Outcome, string Summary, IReadOnlyList<CaseResult> Cases)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Whether every case passed.</summary>
    public bool Passed => Outcome == CheckOutcome.Correct;

    /// <summary>The result as JSON: <c>{"id", "title", "outcome", "summary", "cases": [{"name", "outcome", "message"}]}</c>, outcomes in kebab-case.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="JsonException">The text is not a check result.</exception>
    public static CheckResult FromJson(string json) =>
        JsonSerializer.Deserialize<CheckResult>(json, s_json) is { Id: not null, Cases: not null } result
            ? result
            : throw new JsonException("The JSON is not a check result (it has no id or no cases).");

    /// <summary>The result as text: the summary, then one line per case.</summary>
    public override string ToString() =>
        $"{Id} {Title}: {Summary}\n" + string.Join("\n", Cases.Select(c =>
            $"  {Symbol(c.Outcome)} {c.Name}{(c.Message.Length == 0 ? "" : " — " + c.Message)}"));

    internal static string Symbol(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "✔",
        CaseOutcome.Failed => "✘",
        _ => "…",
    };

    internal static CheckResult From(Exercise exercise, IReadOnlyList<CaseResult> cases)
    {
        var failed = cases.Count(c => c.Outcome != CaseOutcome.Passed);
        var (outcome, summary) = failed == 0
            ? (CheckOutcome.Correct, $"Correct: all {cases.Count} cases pass.")
            : cases.All(c => c.Outcome == CaseOutcome.NotAttempted)
                ? (CheckOutcome.NotAttempted, $"Not attempted yet: replace the NotImplementedException in exercise {exercise.Id}'s cell with your code, then check again — " +
                    $"in a notebook, run that cell and then this one; in a terminal, save the notebook and run ./course check {exercise.Id}.")
                : (CheckOutcome.Incorrect, $"Incorrect: {failed} of {cases.Count} cases fail. Read what each says; .Hint() helps, .Solution() shows an answer.");
        return new CheckResult(exercise.Id, exercise.Title, outcome, summary, cases);
    }
}
