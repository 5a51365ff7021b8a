using Course.Display;

namespace Course.Exercises;

/// <summary>A hint or a reference solution, shown in a notebook.</summary>
/// <param name="Title">For example <c>Hint for 01.2</c>.</param>
/// <param name="Text">The hint, or the solution's source.</param>
/// <param name="IsCode">Whether <paramref name="Text"/> is code.</param>
[TypeFormatterSource(typeof(ExerciseNoteFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed record ExerciseNote(string Title, string Text, bool IsCode)
{
    /// <summary>The title, then the text.</summary>
    public override string ToString() => $"{Title}:\n{Text}";
}

/// <summary>Shows an <see cref="ExerciseNote"/>; code in a preformatted block.</summary>
internal sealed class ExerciseNoteFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<ExerciseNote>(MimeTypes.Html, note =>
            $"<div><p><b>{Html.Encode(note.Title)}</b></p>" +
            (note.IsCode ? Html.Pre(note.Text, "background:rgba(127,127,127,.1);") : $"<p>{Html.Encode(note.Text)}</p>") + "</div>"),
        new MimeFormatter<ExerciseNote>(MimeTypes.PlainText, note => note.ToString()),
    ];
}
