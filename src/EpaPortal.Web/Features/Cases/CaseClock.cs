using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Cases;

public sealed class CaseClockOptions
{
    public const string Section = "CaseClock";

    /// <summary>Run the background loop (off in the automated tests, which advance it themselves).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The clock-driven moves: a project window opens (ProjectScheduled → ProjectInProgress) or closes
/// (ProjectInProgress → ProjectSubmitted). The portal takes them as <see cref="Actor.System"/> through
/// the same workflow as everyone else. Safe on several instances: a case already moved is refused and
/// a concurrent save loses its concurrency check.
/// </summary>
public sealed class CaseClock(PortalDbContext db, CaseFactsLoader loader, CaseAccess access, CaseWorkflow workflow, TimeProvider clock, ILogger<CaseClock> logger)
{
    /// <summary>
    /// The case as it is now: a project window due to open or close moves first (as the background loop would
    /// within its interval), so no page shows a window in the wrong state. Asks the database nothing unless a
    /// move is due; then the move is the one write a page may cause besides the audit of confidential reads.
    /// </summary>
    public async Task<CaseAccessInfo> CatchUpAsync(CaseAccessInfo info, CancellationToken cancellationToken)
    {
        if (!IsDue(info))
        {
            return info;
        }

        return await AdvanceAsync(info.CaseId, cancellationToken) > 0 && await access.LoadAsync(info.CaseId, cancellationToken) is { } moved ? moved : info;
    }

    /// <summary>Whether the case's project window is due to open or close now.</summary>
    public bool IsDue(CaseAccessInfo info) => IsDue(info.State, info.IsOnHold, info.WindowOpensAt, info.WindowClosesAt, clock.GetUtcNow());

    /// <summary>Whether the project window of a case in this state is due to open or close (<paramref name="closes"/>: with any extension).</summary>
    public static bool IsDue(CaseState state, bool onHold, DateTimeOffset? opens, DateTimeOffset? closes, DateTimeOffset now) =>
        !onHold && ((state == CaseState.ProjectScheduled && opens <= now) || (state == CaseState.ProjectInProgress && closes <= now));

    /// <summary>Takes every move that is due; returns how many cases moved.</summary>
    public async Task<int> AdvanceAsync(int? caseId = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.ProjectSubmissions.AsNoTracking()
            .Where(p => caseId == null || p.CaseId == caseId)
            .Join(db.Cases, p => new { p.CaseId, p.Attempt }, c => new { CaseId = c.Id, c.Attempt }, (p, c) => new { c.Id, c.State, c.IsOnHold, p.WindowOpensAt, p.WindowClosesAt, p.ExtendedUntil })
            .Where(x => !x.IsOnHold && ((x.State == CaseState.ProjectScheduled && x.WindowOpensAt <= now) || x.State == CaseState.ProjectInProgress))
            .ToListAsync(cancellationToken);

        var moved = 0;
        foreach (var item in due)
        {
            var close = item.ExtendedUntil is { } extended && extended > item.WindowClosesAt ? extended : item.WindowClosesAt;
            var target = item.State == CaseState.ProjectScheduled ? CaseState.ProjectInProgress : CaseState.ProjectSubmitted;
            if (target == CaseState.ProjectSubmitted && now < close)
            {
                continue;
            }

            if (await MoveAsync(item.Id, target, cancellationToken))
            {
                moved++;

                // A window that opened and closed while nobody looked closes at once as well.
                if (target == CaseState.ProjectInProgress && now >= close && await MoveAsync(item.Id, CaseState.ProjectSubmitted, cancellationToken))
                {
                    moved++;
                }
            }
        }

        return moved;
    }

    private async Task<bool> MoveAsync(int caseId, CaseState target, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await loader.LoadForUpdateAsync(caseId, cancellationToken) is not { } snapshot)
        {
            return false;
        }

        var outcome = workflow.Transition(snapshot.Case, target, Actor.System, snapshot.Facts, reason: null);
        if (!outcome.Succeeded)
        {
            logger.LogDebug("Case {CaseId} not moved to {Target}: {Problems}", caseId, target, string.Join(" ", outcome.Problems));
            db.ChangeTracker.Clear();
            return false;
        }

        db.AuditEntries.Add(outcome.Audit!.ToAuditEntry());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

/// <summary>Ticks the <see cref="CaseClock"/> in the background.</summary>
public sealed class CaseClockService(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<CaseClockOptions> options, ILogger<CaseClockService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CaseClock>().AdvanceAsync(cancellationToken: stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick tries again.
                logger.LogWarning(ex, "The case clock could not advance cases.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
