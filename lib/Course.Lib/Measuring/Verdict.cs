using Course.Display;
namespace Course.Measuring;

/// <summary>
/// What a measurement shows about a claim: either the claim, with the evidence that supports it, or that this run
/// could not show it (the machine was too busy, or the effect was lost in the noise) — never the opposite claim.
/// A cell that ends with a verdict shows its <see cref="Text"/>; tests read <see cref="Shown"/>.
/// </summary>
/// <param name="Claim">The claim, as the notebook's prose makes it: "the page + COUNT(*) takes longer than the page alone".</param>
/// <param name="Shown">True when this run's numbers support the claim.</param>
/// <param name="Evidence">The numbers behind the verdict, for example "1.8× (best of 7 runs each, interleaved)".</param>
[TypeFormatterSource(typeof(MeasurementFormatterSource<Verdict>), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed record Verdict(string Claim, bool Shown, string Evidence)
{
    /// <summary>The line a cell prints: starts with ✔ when shown, with "Too busy to show" when not.</summary>
    public string Text => Shown
        ? $"✔ {Claim}: {Evidence}"
        : $"Too busy to show that {Claim} on this run: {Evidence}. Rerun the cell when the machine is quieter.";

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>
    /// This verdict, shown only when <paramref name="prerequisite"/> was shown too: for a claim that means something only
    /// beside an earlier one ("with the lock, about one core" says nothing when the run without it also got one core).
    /// When the earlier claim was not shown, this one is "too busy to show" as well, whatever its own numbers.
    /// </summary>
    public Verdict Given(Verdict prerequisite)
    {
        ArgumentNullException.ThrowIfNull(prerequisite);
        return prerequisite.Shown || !Shown
            ? this
            : this with { Shown = false, Evidence = $"{Evidence}; this means something only beside the line above, which this run did not show" };
    }

    /// <summary>The verdict for <paramref name="claim"/>: shown when <paramref name="supported"/>.</summary>
    public static Verdict For(string claim, bool supported, string evidence) => new(claim, supported, evidence);
}
