using System.Globalization;
using EpaPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Data.AuditTrail;

/// <summary>
/// Brings what was recorded before the chain existed into it, once, at the first start-up after the
/// migration: the old audit entries are sealed in the order they were written (oldest first, appended at
/// the chain's end under its lock, so entries written meanwhile by another instance stay valid), then
/// every stored file that no entry records gets a <see cref="FileHashRecorded"/> entry carrying the SHA-256
/// its database record had at that moment. The triggers let an entry's chain columns be filled only while
/// they are empty, and nothing else about it change.
/// </summary>
public sealed class AuditChainBackfill(PortalDbContext db, TimeProvider clock, ILogger<AuditChainBackfill> logger)
{
    public const string FileHashRecorded = "FileHashRecorded";

    private const int Batch = 500;

    /// <summary>Seals the old entries and records the old files; does nothing once done. Returns (entries, files).</summary>
    public async Task<(int Entries, int Files)> SealLegacyAsync(CancellationToken cancellationToken)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        if (head.LegacySealed)
        {
            return (0, 0);
        }

        var entries = 0;
        while (await SealEntriesAsync(cancellationToken) is var sealedNow and > 0)
        {
            entries += sealedNow;
        }

        // The files no entry records are found once (their ids, oldest first) and recorded a batch at a time:
        // looking for "the next unrecorded files" again for every batch would re-read every file already
        // recorded, which at hundreds of thousands of files takes hours.
        var files = 0;
        var unrecorded = await db.StoredFiles.AsNoTracking()
            .Where(f => !db.AuditEntries.Any(a => a.FileId == f.Id))
            .OrderBy(f => f.UploadedAt)
            .Select(f => f.Id)
            .ToListAsync(cancellationToken);
        foreach (var batch in unrecorded.Chunk(Batch))
        {
            files += await RecordFilesAsync(batch, cancellationToken);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var locked = await AuditChainLock.LockAsync(db, async: true, cancellationToken);
            db.AuditChainHeads.Attach(locked);
            locked.MarkLegacySealed();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        if (entries + files > 0)
        {
            logger.LogWarning("The audit chain now covers {Entries} earlier audit entries and the hashes of {Files} earlier stored files.", entries, files);
        }

        return (entries, files);
    }

    private async Task<int> SealEntriesAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await AuditChainLock.LockAsync(db, async: true, cancellationToken);
        var legacy = await db.AuditEntries.AsNoTracking().Where(a => a.Hash == null).OrderBy(a => a.Id).Take(Batch).ToListAsync(cancellationToken);
        if (legacy.Count == 0)
        {
            return 0;
        }

        var sequence = head.Sequence;
        var hash = head.Hash;
        var last = head.LastEntryAt;
        foreach (var entry in legacy)
        {
            var number = ++sequence;
            var previous = hash;
            var own = AuditChain.HashOf(entry, number, previous);
            var id = entry.Id;
            await db.AuditEntries.Where(a => a.Id == id && a.Hash == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Sequence, number).SetProperty(a => a.PreviousHash, previous).SetProperty(a => a.Hash, own), cancellationToken);
            hash = own;
            last = last is { } known && known > entry.At ? known : entry.At;
        }

        AuditChainLock.Advance(db, head, sequence, hash, last);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return legacy.Count;
    }

    private async Task<int> RecordFilesAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        // Checked again: another instance may have recorded some of them meanwhile.
        var unrecorded = await db.StoredFiles.AsNoTracking()
            .Where(f => ids.Contains(f.Id) && !db.AuditEntries.Any(a => a.FileId == f.Id))
            .OrderBy(f => f.UploadedAt)
            .ToListAsync(cancellationToken);
        if (unrecorded.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        foreach (var file in unrecorded)
        {
            db.AuditEntries.Add(AuditEntry.BySystem(now, FileHashRecorded, file.CaseId, string.Create(CultureInfo.InvariantCulture, $"File {file.Id} ({file.SizeBytes} bytes, uploaded {file.UploadedAt:yyyy-MM-dd}) stored before the audit chain began: its SHA-256 as recorded then"))
                .RecordsFile(file));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return unrecorded.Count;
    }
}
