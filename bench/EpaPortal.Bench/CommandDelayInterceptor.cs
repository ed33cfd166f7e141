using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpaPortal.Bench;

/// <summary>
/// Waits <see cref="Delay"/> before every database command the portal sends: the round trip a networked
/// SQL Server adds to each command, which the in-process SQLite of the benchmark does not have. With it, a
/// page's cost grows with its command count as it would in production (issue 17, item 5).
/// </summary>
public sealed class CommandDelayInterceptor(TimeSpan delay) : DbCommandInterceptor
{
    public TimeSpan Delay { get; } = delay;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Thread.Sleep(Delay);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Delay, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Thread.Sleep(Delay);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Delay, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Thread.Sleep(Delay);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Delay, cancellationToken);
        return result;
    }
}
