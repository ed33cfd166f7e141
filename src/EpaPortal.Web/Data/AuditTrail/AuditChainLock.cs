using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Data.AuditTrail;

/// <summary>
/// Takes the chain's lock inside the current transaction and reads the head, in one command. SQL Server:
/// a SELECT with UPDLOCK and HOLDLOCK on the head row, held to the end of the transaction, so a second
/// writer waits at this statement until the first commits and then reads the new head. SQLite: writers are
/// serialised by the database file's write lock; a no-op UPDATE ... RETURNING takes that lock at once
/// (even in a transaction that began deferred) and reads the head in the same statement.
/// </summary>
public static class AuditChainLock
{
    private const string SqlServer =
        "SELECT [Id], [Sequence], [Hash], [FirstSequence], [FirstPreviousHash], [LegacySealed], [LastEntryAt] FROM [AuditChainHead] WITH (UPDLOCK, HOLDLOCK) WHERE [Id] = 1";

    private const string Sqlite =
        "UPDATE \"AuditChainHead\" SET \"Sequence\" = \"Sequence\" WHERE \"Id\" = 1 RETURNING \"Id\", \"Sequence\", \"Hash\", \"FirstSequence\", \"FirstPreviousHash\", \"LegacySealed\", \"LastEntryAt\"";

    /// <summary>Locks and reads the head (untracked). Call inside a transaction; the lock lasts until it ends.</summary>
    public static async Task<AuditChainHead> LockAsync(PortalDbContext db, bool async, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The audit chain is locked inside a transaction only.");
        }

        foreach (var tracked in db.ChangeTracker.Entries<AuditChainHead>().ToList())
        {
            tracked.State = EntityState.Detached;
        }

        var query = db.AuditChainHeads.FromSqlRaw(db.Database.IsSqlServer() ? SqlServer : Sqlite).AsNoTracking();
#pragma warning disable CA1849 // The synchronous SaveChanges path needs the synchronous read.
        var rows = async ? await query.ToListAsync(cancellationToken) : query.ToList();
#pragma warning restore CA1849
        return rows.SingleOrDefault()
            ?? throw new InvalidOperationException("The audit chain's head row is missing: the database was not migrated, or the row was deleted.");
    }

    /// <summary>Moves the head to the new end in the same save (EF sends the UPDATE with the inserts).</summary>
    public static void Advance(PortalDbContext db, AuditChainHead head, long sequence, string hash, DateTimeOffset? lastEntryAt)
    {
        db.AuditChainHeads.Attach(head);
        head.Advance(sequence, hash, lastEntryAt);
    }
}
