namespace Course.Hosting;

/// <summary>One step of a request's journey, as <see cref="RequestJourney"/> recorded it.</summary>
/// <param name="Number">1 for the first step recorded, then 2, 3, …</param>
/// <param name="At">Time since the first step.</param>
/// <param name="ThreadId">The managed thread that recorded the step.</param>
/// <param name="Layer">Who acts: <c>server</c>, <c>host</c>, <c>middleware</c>, <c>routing</c>, <c>endpoint</c>, …</param>
/// <param name="Description">What happens.</param>
public sealed record JourneyStep(int Number, TimeSpan At, int ThreadId, string Layer, string Description)
{
    /// <summary>The step as one line: number, time, thread, layer, description.</summary>
    public override string ToString() =>
        $"{Number,2}  +{At.TotalMilliseconds,7:0.0} ms  thread {ThreadId,3}  {Layer,-10}  {Description}";
}
