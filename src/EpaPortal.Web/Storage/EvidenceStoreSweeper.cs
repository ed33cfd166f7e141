using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Storage;

/// <summary>
/// Removes what an interrupted upload can leave behind: temporary files, and committed files that never
/// got their <c>StoredFile</c> row (the process stopped between the rename and the database save). Only
/// files older than the grace period are touched, so uploads in flight on any instance are safe. It also
/// removes bytes that should be gone already: of files purged by the retention schedule, and of subject
/// access exports downloaded, expired or failed.
/// </summary>
public sealed class EvidenceStoreSweeper(
    IEvidenceStore store,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<StorageOptions> options,
    ILogger<EvidenceStoreSweeper> logger)
{
    private const int Batch = 500;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var olderThan = clock.GetUtcNow() - TimeSpan.FromMinutes(options.Value.SweepGraceMinutes);
        var temporary = await store.SweepTemporaryAsync(olderThan, cancellationToken);

        var orphans = 0;
        var candidates = new List<string>(Batch);
        await foreach (var stored in store.ListAsync(cancellationToken))
        {
            if (stored.LastWrite < olderThan)
            {
                candidates.Add(stored.StorageKey);
            }

            if (candidates.Count == Batch)
            {
                orphans += await DeleteOrphansAsync(candidates, cancellationToken);
                candidates.Clear();
            }
        }

        orphans += await DeleteOrphansAsync(candidates, cancellationToken);
        if (temporary + orphans > 0)
        {
            logger.LogWarning("Evidence sweep removed {Temporary} temporary file(s) and {Orphans} file(s) with no database row.", temporary, orphans);
        }

        return new SweepResult(temporary, orphans);
    }

    private async Task<int> DeleteOrphansAsync(List<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Kept: the bytes of stored files not purged at the end of their retention period, and subject access
        // exports waiting to be downloaded. A purged file's or a used export's bytes left behind go here.
        var known = await db.StoredFiles.AsNoTracking()
            .Where(f => keys.Contains(f.StorageKey) && f.PurgedAt == null)
            .Select(f => f.StorageKey)
            .ToListAsync(cancellationToken);
        known.AddRange(await db.SubjectAccessExports.AsNoTracking()
            .Where(e => e.StorageKey != null && keys.Contains(e.StorageKey) && e.Status == Features.Records.ExportStatus.Ready)
            .Select(e => e.StorageKey!)
            .ToListAsync(cancellationToken));
        var orphans = keys.Except(known, StringComparer.Ordinal).ToList();
        foreach (var key in orphans)
        {
            await store.DeleteAsync(key, cancellationToken);
        }

        return orphans.Count;
    }
}

public sealed record SweepResult(int TemporaryFiles, int OrphanFiles);

/// <summary>
/// Runs the sweep at start-up (after the database is migrated) and then every few hours, on one instance
/// at a time: each turn first claims the <c>evidence-sweep</c> job lease, and an instance that does not
/// get it (another one holds it or swept within the interval) skips its turn.
/// </summary>
public sealed class EvidenceStoreSweepService(EvidenceStoreSweeper sweeper, JobLeases leases, IOptions<StorageOptions> options, TimeProvider clock, ILogger<EvidenceStoreSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepIntervalMinutes;

        // Start-up only (0): another instance starting within the grace period does not sweep again.
        var every = TimeSpan.FromMinutes(interval > 0 ? interval : Math.Max(1, options.Value.SweepGraceMinutes));
        do
        {
            try
            {
                await using var claim = await leases.TryClaimAsync(JobNames.EvidenceSweep, every, maxRun: TimeSpan.FromHours(1), stoppingToken);
                if (claim is not null)
                {
                    await sweeper.SweepAsync(stoppingToken);
                    claim.Succeeded = true;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed sweep must not stop the portal; the next one tries again.
                logger.LogError(ex, "The evidence sweep failed.");
            }

            if (interval <= 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMinutes(interval), clock, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested);
    }
}
