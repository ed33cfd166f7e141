using System.Globalization;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Auditing;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure.Jobs;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Records;

/// <summary>
/// The records work done in the background, on one instance at a time (job leases, ADR 10): queued
/// verifications, subject access exports, requested and approved retention reports, expired exports (the
/// queue, every <see cref="RecordsOptions.PollSeconds"/>), and the daily dry-run report of the retention
/// schedule (with <see cref="RecordsOptions.AutoApprovePurge"/>, also approving the previous one).
/// </summary>
public sealed class RecordsJobs(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RecordsOptions> options, ILogger<RecordsJobs> logger)
{
    public const string QueueJob = "records-queue";
    public const string DailyJob = "retention-daily";
    public const string AuditVerified = "AuditTrailVerified";
    public const string ExportExpired = "SubjectAccessExportExpired";

    /// <summary>Does everything queued, once. Returns how many pieces of work it did.</summary>
    public async Task<int> RunQueueAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var id in await IdsAsync(db => db.AuditVerifications.Where(v => v.Status == VerificationStatus.Queued).OrderBy(v => v.Id).Select(v => v.Id), cancellationToken))
        {
            await VerifyAsync(id, cancellationToken);
            done++;
        }

        foreach (var id in await IdsAsync(db => db.SubjectAccessExports.Where(e => e.Status == ExportStatus.Queued).OrderBy(e => e.Id).Select(e => e.Id), cancellationToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SubjectAccessExporter>().GenerateAsync(id, cancellationToken);
            done++;
        }

        foreach (var id in await IdsAsync(db => db.RetentionReports.Where(r => r.Status == RetentionReportStatus.Requested).OrderBy(r => r.Id).Select(r => r.Id), cancellationToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RetentionService>().BuildReportAsync(id, cancellationToken);
            done++;
        }

        foreach (var id in await IdsAsync(db => db.RetentionReports.Where(r => r.Status == RetentionReportStatus.Approved).OrderBy(r => r.Id).Select(r => r.Id), cancellationToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RetentionService>().CarryOutAsync(id, cancellationToken);
            done++;
        }

        done += await ExpireExportsAsync(cancellationToken);
        return done;
    }

    /// <summary>The daily turn: approve yesterday's report when set to, then make today's dry run.</summary>
    public async Task RunDailyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        if (options.Value.AutoApprovePurge)
        {
            // A day's notice: only a report at least 20 hours old is approved, so admins could read it and place holds.
            var due = now.AddHours(-20);
            var previous = await db.RetentionReports.Where(r => r.Status == RetentionReportStatus.Proposed && r.AsOf <= due).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (previous is not null)
            {
                previous.Approve(Actor.System.DisplayName, now);
                db.AuditEntries.Add(AuditEntry.BySystem(now, RecordsAdminService.ReportApproved, null, string.Create(CultureInfo.InvariantCulture, $"Approved retention report {previous.Id} automatically a day after it was made (Records:AutoApprovePurge): {previous.Summary}")));
                await db.SaveChangesAsync(cancellationToken);
                await scope.ServiceProvider.GetRequiredService<RetentionService>().CarryOutAsync(previous.Id, cancellationToken);
            }
        }

        var report = new RetentionReport(now, Actor.System.DisplayName);
        db.RetentionReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<RetentionService>().BuildReportAsync(report.Id, cancellationToken);
    }

    /// <summary>Runs one verification (queued by an admin, or made here for the command line) and records what it found.</summary>
    public async Task<AuditVerificationResult?> VerifyAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var run = await db.AuditVerifications.SingleAsync(v => v.Id == id, cancellationToken);
        run.Start(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<AuditTrailVerifier>().VerifyAsync(Domain.Auditing.AuditAnchor.Parse(run.Anchor), cancellationToken);
            run.Finish(result, clock.GetUtcNow());
            db.AuditEntries.Add(AuditEntry.BySystem(clock.GetUtcNow(), AuditVerified, null, string.Create(CultureInfo.InvariantCulture,
                    $"Verification {run.Id}: {(result.IsIntact ? "intact" : $"{result.BreakCount} breaks")}; entries {result.FirstSequence} to {result.HeadSequence} ({result.EntriesChecked} checked), {result.FilesChecked} files; chain head {result.HeadSequence}:{result.HeadHash}")));
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Audit verification {Run} failed.", id);
            db.ChangeTracker.Clear();
            var failed = await db.AuditVerifications.SingleAsync(v => v.Id == id, CancellationToken.None);
            failed.Fail("The verification could not finish: " + ex.Message, clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            return null;
        }
    }

    private async Task<int> ExpireExportsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IEvidenceStore>();
        var now = clock.GetUtcNow();
        var expired = await db.SubjectAccessExports.Where(e => e.Status == ExportStatus.Ready && e.ExpiresAt <= now).ToListAsync(cancellationToken);
        foreach (var export in expired)
        {
            export.MarkExpired();
            db.AuditEntries.Add(AuditEntry.BySystem(now, ExportExpired, null, string.Create(CultureInfo.InvariantCulture, $"Subject access export {export.Id} for {SubjectAccessExporter.Describe(export)} expired unread and was deleted")));
            await db.SaveChangesAsync(cancellationToken);
            if (export.StorageKey is { } key)
            {
                await store.DeleteAsync(key, cancellationToken);
            }
        }

        return expired.Count;
    }

    private async Task<List<int>> IdsAsync(Func<PortalDbContext, IQueryable<int>> query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await query(db).ToListAsync(cancellationToken);
    }
}

/// <summary>Runs <see cref="RecordsJobs"/> on every instance; the job leases make each turn happen on one.</summary>
public sealed class RecordsJobsService(RecordsJobs jobs, JobLeases leases, IOptions<RecordsOptions> options, TimeProvider clock, ILogger<RecordsJobsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await TurnAsync(RecordsJobs.QueueJob, poll, TimeSpan.FromHours(2), jobs.RunQueueAsync, stoppingToken);
            await TurnAsync(RecordsJobs.DailyJob, TimeSpan.FromDays(1), TimeSpan.FromHours(4), jobs.RunDailyAsync, stoppingToken);
            await Task.Delay(poll, clock, stoppingToken);
        }
    }

    private async Task TurnAsync(string job, TimeSpan every, TimeSpan maxRun, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await using var claim = await leases.TryClaimAsync(job, every, maxRun, stoppingToken);
            if (claim is not null)
            {
                await work(stoppingToken);
                claim.Succeeded = true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed turn must not stop the portal; the next turn tries again.
            logger.LogError(ex, "The records job {Job} failed.", job);
        }
    }
}
