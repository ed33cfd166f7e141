using System.Globalization;
using System.Runtime.CompilerServices;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace EpaPortal.Web.Data.AuditTrail;

/// <summary>
/// Seals every audit entry into the hash chain as it is saved, however it was added (a feature's service,
/// the security events, Identity's own saves, the seeders): callers add entries and never see the chain.
/// Before EF writes anything the save takes the chain's lock inside its transaction (its own if the caller
/// has none), reads the head, gives each new entry the next sequence, the previous hash and its own hash,
/// and moves the head, all in the same transaction as the change the entries record. A stored file added
/// in the save is recorded by an entry that carries its SHA-256: the caller's entry (<see cref="AuditEntry.RecordsFile(StoredFile)"/>)
/// or, if it named none, one added here.
/// </summary>
public sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    /// <summary>The action of the entry added for a stored file that no entry of its save recorded.</summary>
    public const string FileStored = "FileStored";

    // The transactions this interceptor began, per context, to commit or roll back when the save ends.
    private static readonly ConditionalWeakTable<DbContext, IDbContextTransaction> Owned = [];

    public static AuditChainInterceptor Instance { get; } = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PortalDbContext db)
        {
            SealAsync(db, async: false, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db)
        {
            await SealAsync(db, async: true, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && Owned.TryGetValue(db, out var transaction))
        {
            Owned.Remove(db);
            using (transaction)
            {
                CheckStillCurrent(db, transaction);
                transaction.Commit();
            }
        }

        Forget(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Owned.TryGetValue(db, out var transaction))
        {
            Owned.Remove(db);
            await using (transaction)
            {
                CheckStillCurrent(db, transaction);
                // Not cancellable: the rows are written; only the commit makes them (and the chain) real.
                await transaction.CommitAsync(CancellationToken.None);
            }
        }

        Forget(eventData.Context);
        return result;
    }

    // EF reports a concurrency conflict here instead of through SaveChangesFailed, while it is still reading the
    // batch's results: a rollback now fails (the provider refuses it with a command in progress) and would leave the
    // batch's writes in the open transaction, to be committed by the next save of the context. So the transaction
    // begun for the save is ended once the exception is out of EF (PortalDbContext calls EndAfterConflict).
    public static void EndAfterConflict(DbContext context) => RollBack(context);

    /// <inheritdoc cref="EndAfterConflict"/>
    public static Task EndAfterConflictAsync(DbContext context) => RollBackAsync(context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    public override void SaveChangesCanceled(DbContextEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

#pragma warning disable CA1849 // One path for SaveChanges and SaveChangesAsync: the sync calls run only when async is false.
    private static async Task SealAsync(PortalDbContext db, bool async, CancellationToken cancellationToken)
    {
        // A transaction this interceptor began for an earlier save has ended with it (committed, rolled back,
        // or reset with a pooled context); it must never be taken for this save's.
        if (Owned.TryGetValue(db, out var earlier) && !ReferenceEquals(earlier, db.Database.CurrentTransaction))
        {
            Owned.Remove(db);
        }

        var entries = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var files = db.ChangeTracker.Entries<StoredFile>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (files.Count > 0)
        {
            var recorded = entries.Where(e => e.FileId is not null).Select(e => e.FileId!.Value).ToHashSet();
            foreach (var file in files.Where(f => !recorded.Contains(f.Id)))
            {
                var entry = AuditEntry.BySystem(file.UploadedAt, FileStored, file.CaseId, string.Create(CultureInfo.InvariantCulture, $"File {file.Id} stored: {file.SizeBytes} bytes, uploaded by account {file.UploadedById}")).RecordsFile(file);
                db.AuditEntries.Add(entry);
                entries.Add(entry);
            }
        }

        if (entries.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            var transaction = async ? await db.Database.BeginTransactionAsync(cancellationToken) : db.Database.BeginTransaction();
            Owned.AddOrUpdate(db, transaction);
        }

        try
        {
            var head = await AuditChainLock.LockAsync(db, async, cancellationToken);
            var sequence = head.Sequence;
            var hash = head.Hash;
            var last = head.LastEntryAt;
            foreach (var entry in entries.OrderBy(e => e.At))
            {
                entry.Seal(++sequence, hash);
                hash = entry.Hash!;
                last = entry.At;
            }

            AuditChainLock.Advance(db, head, sequence, hash, last);
        }
        catch
        {
            // EF reports no failure for an exception thrown before it starts: end the transaction begun here.
            if (async)
            {
                await RollBackAsync(db);
            }
            else
            {
                RollBack(db);
            }

            throw;
        }
    }
#pragma warning restore CA1849

    private static void CheckStillCurrent(DbContext db, IDbContextTransaction transaction)
    {
        if (!ReferenceEquals(db.Database.CurrentTransaction, transaction))
        {
            throw new InvalidOperationException("The audit chain's transaction for this save is no longer the context's transaction; the save is not committed.");
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // The head is read afresh, under the lock, by the next save.
        foreach (var tracked in context.ChangeTracker.Entries<AuditChainHead>().ToList())
        {
            tracked.State = EntityState.Detached;
        }
    }

    private static void RollBack(DbContext? context)
    {
        if (context is not null && Owned.TryGetValue(context, out var transaction))
        {
            Owned.Remove(context);
            using (transaction)
            {
                transaction.Rollback();
            }
        }

        Forget(context);
    }

    private static async Task RollBackAsync(DbContext? context)
    {
        if (context is not null && Owned.TryGetValue(context, out var transaction))
        {
            Owned.Remove(context);
            await using (transaction)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }

        Forget(context);
    }
}
