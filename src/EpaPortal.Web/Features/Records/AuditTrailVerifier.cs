using EpaPortal.Domain.Auditing;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.AuditTrail;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Records;

/// <summary>What a verification found: how much it checked, where the chain ends, and the breaks (first first).</summary>
public sealed record AuditVerificationResult(
    long EntriesChecked,
    int FilesChecked,
    long FirstSequence,
    long HeadSequence,
    string HeadHash,
    int BreakCount,
    IReadOnlyList<AuditChainBreak> Breaks)
{
    public bool IsIntact => BreakCount == 0;
}

/// <summary>
/// Walks the whole audit chain and every stored file: each entry must hash to its stored hash and follow the
/// one before it, no number may be missing, the chain must end where its head says, no entry may sit outside
/// it, and every stored file must be recorded by an entry whose SHA-256 its bytes (read back through the
/// evidence store, folder or blob container alike) and its database record still match. Reads in pages, so
/// it runs in the background (the admin page) or from the command line (<c>--verify-audit</c>).
/// </summary>
public sealed class AuditTrailVerifier(PortalDbContext db, IEvidenceStore store, ILogger<AuditTrailVerifier> logger)
{
    private const int EntryPage = 1000;
    private const int FilePage = 200;

    public async Task<AuditVerificationResult> VerifyAsync(AuditAnchor? anchor, CancellationToken cancellationToken)
    {
        // The chain is walked up to the head read now; entries written meanwhile come after it and wait for the next run.
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var walk = new AuditChainWalk(head.FirstSequence, head.FirstPreviousHash, anchor);
        long? after = head.FirstSequence - 1;
        while (true)
        {
            var from = after;
            var page = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > from && a.Sequence <= head.Sequence)
                .OrderBy(a => a.Sequence)
                .Take(EntryPage)
                .Select(a => new AuditLink(a.Id, a.Sequence, a.PreviousHash, a.Hash, a.At, a.ActorId, a.ActorName, a.Action, a.CaseId, a.FromState, a.ToState, a.Reason, a.Details, a.FileId, a.FileSha256))
                .ToListAsync(cancellationToken);
            foreach (var link in page)
            {
                walk.Visit(link);
            }

            if (page.Count < EntryPage)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        walk.Finish(head.Sequence, head.Hash);

        // Entries with no place in the chain: written straight into the database, past the portal.
        var outside = db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null || a.Hash == null);
        var outsideCount = await outside.CountAsync(cancellationToken);
        if (outsideCount > 0)
        {
            var shown = await outside.OrderBy(a => a.Id).Take(AuditChainWalk.MaxKept)
                .Select(a => new AuditLink(a.Id, null, null, null, a.At, a.ActorId, a.ActorName, a.Action, a.CaseId, a.FromState, a.ToState, a.Reason, a.Details, a.FileId, a.FileSha256))
                .ToListAsync(cancellationToken);
            foreach (var link in shown)
            {
                walk.Visit(link);
            }

            if (outsideCount > shown.Count)
            {
                walk.Add(new(AuditBreakKind.EntryOutsideChain, null, null, null, $"{outsideCount - shown.Count} more entries are outside the chain."));
            }
        }

        var files = await VerifyFilesAsync(walk, head.Sequence, cancellationToken);
        var firstNow = await db.AuditChainHeads.AsNoTracking().Where(h => h.Id == AuditChainHead.SingletonId).Select(h => h.FirstSequence).SingleAsync(cancellationToken);
        if (firstNow != head.FirstSequence)
        {
            throw new InvalidOperationException("A retention purge removed old audit entries while the verification ran: run it again.");
        }

        logger.LogInformation("Audit verification: {Entries} entries and {Files} files checked, {Breaks} break(s).", walk.EntriesChecked, files, walk.BreakCount);
        return new AuditVerificationResult(walk.EntriesChecked, files, head.FirstSequence, head.Sequence, head.Hash, walk.BreakCount, walk.Breaks);
    }

    private async Task<int> VerifyFilesAsync(AuditChainWalk walk, long headSequence, CancellationToken cancellationToken)
    {
        // The files as they are now (a file stored during the run is checked by the next one).
        var all = await db.StoredFiles.AsNoTracking().OrderBy(f => f.UploadedAt).Select(f => f.Id).ToListAsync(cancellationToken);
        var checkedFiles = 0;
        foreach (var chunk in all.Chunk(FilePage))
        {
            var wanted = chunk.ToList();
            var files = await db.StoredFiles.AsNoTracking().Where(f => wanted.Contains(f.Id))
                .Select(f => new { f.Id, f.Sha256, f.StorageKey, f.PurgedAt })
                .ToListAsync(cancellationToken);
            var ids = files.Select(f => (Guid?)f.Id).ToList();
            var recorded = await db.AuditEntries.AsNoTracking()
                .Where(a => ids.Contains(a.FileId) && a.Sequence != null && a.Sequence <= headSequence)
                .OrderBy(a => a.Sequence)
                .Select(a => new { a.FileId, a.FileSha256, a.Sequence })
                .ToListAsync(cancellationToken);
            var chainHash = recorded.GroupBy(r => r.FileId!.Value).ToDictionary(g => g.Key, g => g.First());
            foreach (var file in files)
            {
                checkedFiles++;
                if (!chainHash.TryGetValue(file.Id, out var chain) || chain.FileSha256 is null)
                {
                    walk.Add(new(AuditBreakKind.FileNotInChain, null, null, file.Id, $"File {file.Id} has no entry in the audit chain that records its SHA-256: its record was added past the portal."));
                    continue;
                }

                if (!string.Equals(file.Sha256, chain.FileSha256, StringComparison.OrdinalIgnoreCase))
                {
                    walk.Add(new(AuditBreakKind.FileRecordChanged, chain.Sequence, null, file.Id,
                        $"File {file.Id}: its database record says SHA-256 {Short(file.Sha256)} but audit entry number {chain.Sequence} recorded {Short(chain.FileSha256)}: the record was changed."));
                }

                if (file.PurgedAt is not null)
                {
                    continue;
                }

                await using var read = await store.OpenVerifiedAsync(file.StorageKey, chain.FileSha256, cancellationToken);
                switch (read.Status)
                {
                    case StoredFileReadStatus.Missing:
                        walk.Add(new(AuditBreakKind.FileMissing, chain.Sequence, null, file.Id, $"File {file.Id} (recorded by audit entry number {chain.Sequence}) is missing from the evidence store."));
                        break;
                    case StoredFileReadStatus.HashMismatch:
                        walk.Add(new(AuditBreakKind.FileChanged, chain.Sequence, null, file.Id,
                            $"File {file.Id} no longer matches the SHA-256 recorded by audit entry number {chain.Sequence}: its bytes were changed in the evidence store."));
                        break;
                }
            }
        }

        return checkedFiles;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
