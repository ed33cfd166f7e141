using System.Globalization;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Scheduling;

public sealed record NationCoverage(string Nation, int Days, DateOnly? LastDay, IReadOnlyList<BankHoliday> Upcoming);

public sealed record FeedRow(DateTimeOffset ImportedAt, string ImportedBy, string Summary, bool InUse);

public sealed record BankHolidaysViewModel(bool Embedded, IReadOnlyList<NationCoverage> Nations, IReadOnlyList<FeedRow> Imports, string? Json, IReadOnlyList<string> Problems);

/// <summary>The bank holidays in use, and an admin's import of a newer copy of the GOV.UK feed (checked by
/// the domain's <see cref="BankHolidayImport"/>, kept, audited, and used at once).</summary>
public sealed class BankHolidaysService(PortalDbContext db, BankHolidaySource source, TimeProvider clock, CurrentUser user, AuditLog audit)
{
    public const string Imported = "BankHolidaysImported";

    public async Task<BankHolidaysViewModel> PageAsync(string? json, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);
        var calendar = source.Current;
        var nations = BankHolidayCalendar.Divisions.Select(d => new NationCoverage(
                NationName(d.Value),
                calendar.Events(d.Value).Count,
                calendar.LastDay(d.Value),
                calendar.Events(d.Value).Where(e => e.Date >= today).Take(4).ToList()))
            .ToList();
        var inUse = source.FeedId;
        var imports = await db.BankHolidayFeeds.AsNoTracking().OrderByDescending(f => f.Id).Take(10)
            .Select(f => new { f.Id, f.ImportedAt, f.ImportedByName, f.Summary })
            .ToListAsync(cancellationToken);
        return new BankHolidaysViewModel(inUse is null, nations,
            imports.Select(f => new FeedRow(f.ImportedAt, f.ImportedByName, f.Summary, f.Id == inUse)).ToList(), json, problems);
    }

    /// <summary>Checks and imports the document; the problems when it is refused (nothing saved then).</summary>
    public async Task<IReadOnlyList<string>> ImportAsync(string json, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, clock.LocalTimeZone).DateTime);
        var (calendar, problems) = BankHolidayImport.Check(json, source.Current, today);
        if (calendar is null)
        {
            return problems;
        }

        var summary = string.Join(", ", BankHolidayCalendar.Divisions.Select(d =>
            $"{NationName(d.Value)}: {calendar.Events(d.Value).Count.ToString(CultureInfo.InvariantCulture)} days to {DisplayNames.Date(calendar.LastDay(d.Value)!.Value)}"));
        if (summary.Length > BankHolidayFeed.SummaryMaxLength)
        {
            summary = summary[..BankHolidayFeed.SummaryMaxLength];
        }

        var feed = new BankHolidayFeed(json, now, user.Id, user.DisplayName, summary);
        db.BankHolidayFeeds.Add(feed);
        audit.Add(Imported, null, $"Bank holidays imported: {summary}");
        await db.SaveChangesAsync(cancellationToken);
        source.Use(calendar, feed.Id);
        return [];
    }

    public static string NationName(UkNation nation) => nation switch
    {
        UkNation.Scotland => "Scotland",
        UkNation.NorthernIreland => "Northern Ireland",
        _ => "England and Wales",
    };
}
