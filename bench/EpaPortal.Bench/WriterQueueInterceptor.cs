using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpaPortal.Bench;

/// <summary>
/// In the delay mode only: transactions queue for the database in the process, first come first served, without
/// holding a thread while they wait, as SQL Server queues them on the server (a lock wait there is a pending
/// network read for the portal). Without it the delay mode measures an artefact neither production set-up has:
/// a save awaits its 1 ms delay while it holds SQLite's write lock, and the saves waiting for that lock sit in
/// SQLite's busy handler, which sleeps on a thread-pool thread; with sixteen connections on two cores the
/// threads run out, the lock holder's continuation cannot run, and the judgement page (one audit entry a view)
/// served about one request a second. Production SQLite never awaits inside its transactions, and production
/// SQL Server never holds a thread for a lock wait. See bench/README.md, "The delay mode's writer queue".
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "One instance lives as long as the benchmark host; the semaphore's wait handle is never created.")]
public sealed class WriterQueueInterceptor : DbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly SemaphoreSlim queue = new(1, 1);

    // The connections holding the queue's one place, until their transaction ends or they close.
    private readonly ConditionalWeakTable<DbConnection, object> holders = [];

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!holders.TryGetValue(connection, out _))
        {
            queue.Wait();
            holders.AddOrUpdate(connection, this);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!holders.TryGetValue(connection, out _))
        {
            await queue.WaitAsync(cancellationToken);
            holders.AddOrUpdate(connection, this);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction, eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction, eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(transaction, eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction, eventData);
        return Task.CompletedTask;
    }

    // A transaction disposed without a commit or a rollback raises no transaction event; its connection closes.
    InterceptionResult IDbConnectionInterceptor.ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    // A completed ADO.NET transaction may no longer name its connection; the context still does.
    private void Leave(DbTransaction transaction, TransactionEventData eventData)
    {
        if ((eventData.Context?.Database.GetDbConnection() ?? transaction.Connection) is { } connection)
        {
            Leave(connection);
        }
    }

    private void Leave(DbConnection connection)
    {
        if (holders.Remove(connection))
        {
            queue.Release();
        }
    }
}
