using System.Globalization;
using System.Security.Cryptography;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Keeps a background job from running on two instances at once, or twice in one period: before a run
/// the instance claims the job's <see cref="JobLease"/> row with one conditional UPDATE (due and not held);
/// the database decides, so exactly one claimant wins. The winner runs the job and releases the row; the
/// others skip their turn. A crashed holder's claim ends at <see cref="JobLease.HeldUntil"/>.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobLeases> logger)
{
    /// <summary>This instance: machine, process and a random part (several hosts share a process in the tests).</summary>
    public string Instance { get; } = string.Create(CultureInfo.InvariantCulture, $"{Truncate(Environment.MachineName, 60)}/{Environment.ProcessId}/{RandomNumberGenerator.GetHexString(8, lowercase: true)}");

    /// <summary>
    /// Claims <paramref name="job"/> when it is due and free: the next run is then not before
    /// <paramref name="every"/> from now, and the claim lasts at most <paramref name="maxRun"/>.
    /// Returns the claim to dispose when the run ends, or null when another instance holds or ran it.
    /// </summary>
    public async Task<JobClaim?> TryClaimAsync(string job, TimeSpan every, TimeSpan maxRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var heldUntil = now + maxRun;
        var nextRunAt = now + every;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var me = Instance;
        var claimed = await db.JobLeases
            .Where(l => l.Name == job && l.NextRunAt <= now && (l.HeldUntil == null || l.HeldUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeldBy, me).SetProperty(l => l.HeldUntil, heldUntil).SetProperty(l => l.NextRunAt, nextRunAt).SetProperty(l => l.LastRunAt, now), cancellationToken) == 1;

        if (!claimed && !await db.JobLeases.AnyAsync(l => l.Name == job, cancellationToken))
        {
            // The job's first run anywhere: the row is created claimed. Two instances racing here both
            // insert; the key lets one through.
            db.JobLeases.Add(new JobLease(job, me, heldUntil, nextRunAt, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                claimed = true;
            }
            catch (DbUpdateException)
            {
                claimed = false;
            }
        }

        if (!claimed)
        {
            logger.LogDebug("Job {Job} skipped here: another instance holds it or ran it recently.", job);
            PortalTelemetry.JobRun(job, "skipped");
            return null;
        }

        logger.LogInformation("Job {Job} claimed by {Instance}; next run not before {NextRunAt:u}.", job, me, nextRunAt);
        return new JobClaim(this, job);
    }

    private async Task ReleaseAsync(string job, bool succeeded)
    {
        PortalTelemetry.JobRun(job, succeeded ? "ran" : "failed");
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var me = Instance;
            await db.JobLeases.Where(l => l.Name == job && l.HeldBy == me)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeldUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The claim then ends by itself at HeldUntil.
            logger.LogWarning(ex, "Releasing job {Job} failed; its claim expires by itself.", job);
        }
    }

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;

    /// <summary>A claimed run: mark it succeeded, then dispose to release the lease.</summary>
    public sealed class JobClaim(JobLeases leases, string job) : IAsyncDisposable
    {
        public string Job { get; } = job;

        public bool Succeeded { get; set; }

        public async ValueTask DisposeAsync() => await leases.ReleaseAsync(Job, Succeeded);
    }
}
