using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Scheduling;

/// <summary>
/// The bank-holiday calendar every deadline counts with: the latest imported copy of the GOV.UK feed, or
/// the copy embedded in the domain until an admin imports one. One per process; each instance picks up
/// another instance's import within <see cref="BankHolidayRefresher"/>'s interval.
/// </summary>
public sealed class BankHolidaySource
{
    private volatile State _state = new(BankHolidayCalendar.UnitedKingdom, null);

    public BankHolidayCalendar Current => _state.Calendar;

    /// <summary>The imported feed in use, or null for the embedded copy.</summary>
    public int? FeedId => _state.FeedId;

    /// <summary>The bank holidays of the apprentice's nation (England and Wales when not known).</summary>
    public IReadOnlyCollection<DateOnly> For(Apprentice? apprentice) => Current.For(apprentice?.Nation ?? UkNation.EnglandAndWales);

    public IReadOnlyCollection<DateOnly> For(UkNation nation) => Current.For(nation);

    public void Use(BankHolidayCalendar calendar, int feedId) => _state = new State(calendar, feedId);

    /// <summary>Loads the latest imported feed when it is not the one in use (one command when nothing changed).</summary>
    public async Task RefreshAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var latest = await db.BankHolidayFeeds.AsNoTracking().OrderByDescending(f => f.Id).Select(f => (int?)f.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is not { } id || id == FeedId)
        {
            return;
        }

        var json = await db.BankHolidayFeeds.AsNoTracking().Where(f => f.Id == id).Select(f => f.Json).SingleAsync(cancellationToken);
        Use(BankHolidayCalendar.FromGovUkFeed(json), id);
    }

    private sealed record State(BankHolidayCalendar Calendar, int? FeedId);
}

/// <summary>Loads the imported bank holidays at start-up and checks for a newer import every few minutes.</summary>
public sealed class BankHolidayRefresher(IServiceScopeFactory scopes, BankHolidaySource source, ILogger<BankHolidayRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RefreshAsync(stoppingToken);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await source.RefreshAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The calendar in use stays (the embedded copy at worst); the next tick tries again.
            logger.LogWarning(e, "Could not load the imported bank holidays.");
        }
    }
}
