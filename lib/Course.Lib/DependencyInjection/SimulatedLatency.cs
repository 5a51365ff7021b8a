using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Course.DependencyInjection;

/// <summary>
/// Notebook 06: an EF Core interceptor that holds every query for a while before it runs, as the network to a database
/// server would. Microsoft.Data.Sqlite has no real async I/O (its Async methods complete synchronously), so without it two
/// queries "in parallel" on one <c>DbContext</c> never overlap, and the concurrency check that a server database would
/// trip never fires.
/// </summary>
/// <param name="delay">How long each query waits; the notebook uses 500 ms, a wide margin on a busy machine.</param>
public sealed class SimulatedLatency(TimeSpan delay) : DbCommandInterceptor
{
    /// <inheritdoc/>
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
