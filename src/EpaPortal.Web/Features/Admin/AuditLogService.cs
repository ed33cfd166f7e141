using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>The audit log's filters, keyset page and sort (cursors of <see cref="AuditLogService.Sorts"/>).</summary>
public sealed record AuditFilter(int? CaseId, string? User, DateOnly? From, DateOnly? To, string? Action, string? After = null, string? Before = null, string? Sort = null);

/// <summary>
/// One page of the log. <see cref="Count"/> is exact up to <see cref="AuditLogService.CountLimit"/>, then
/// "more than" (counting every entry of a log that grows for years would make each view slower).
/// </summary>
public sealed record AuditLogViewModel(AuditFilter Filter, KeysetPage<AuditRow> Entries, int Count, IReadOnlyList<string> Actions, string? Problem)
{
    public bool CountIsExact => Count <= AuditLogService.CountLimit;
}

/// <summary>
/// The audit log viewer: read-only (the application has no way to change or delete an entry; the
/// context and database triggers refuse it too). Filters use the indexes CaseId+At, ActorId+At, Action+At
/// and At; pages are keyset pages, newest first (or oldest first), so page 100 costs what page 1 does.
/// </summary>
public sealed class AuditLogService(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Entries are counted up to this many; beyond it the page says "more than".</summary>
    public const int CountLimit = 1000;

    /// <summary>
    /// The log's sort (issue 21): by time, newest first by default or oldest first, the id the tie-break; served by
    /// the index on At (and, filtered, by CaseId+At, ActorId+At, Action+At), each of which carries the id.
    /// </summary>
    public static readonly ListSorts<AuditEntry, AuditRow> Sorts = new ListSorts<AuditEntry, AuditRow>()
        .Column("at", a => a.At, a => a.Id, r => r.At, r => r.Id, defaultDescending: true);

    public async Task<AuditLogViewModel> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var (query, user, problem) = await FilteredAsync(filter, cancellationToken);
        var count = await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        var page = await Sorts.Resolve(filter.Sort).PageAsync(query, new PageRequest(filter.After, filter.Before), Paging.MaxPageSize, Row, cancellationToken);

        // Suggestions for the action filter: the case workflow's actions and those on this page. Listing every
        // distinct action in the log would read the whole log on every view.
        var actions = CaseActionNames.Concat(page.Items.Select(a => a.Action)).Append(filter.Action ?? string.Empty)
            .Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new AuditLogViewModel(filter with { User = user }, page, count, actions, problem ?? page.Problem);
    }

    /// <summary>The filtered log, whole, in its sort: the CSV export (at most <see cref="ListExport.MaxRows"/> entries; one command, two with a user filter).</summary>
    public async Task<IReadOnlyList<AuditRow>> ExportAsync(AuditFilter filter, CancellationToken cancellationToken) =>
        await ListExport.RowsAsync((await FilteredAsync(filter, cancellationToken)).Query, Sorts.Resolve(filter.Sort), Row, cancellationToken);

    public static readonly IReadOnlyList<string> ExportHeader = ["Entry", "When", "Who", "Action", "Case", "From", "To", "Reason", "Details"];

    /// <summary>An entry as a CSV row; every cell (reasons and details are typed by people) goes through the formula guard.</summary>
    public static IReadOnlyList<string?> ExportCells(AuditRow a) =>
    [
        a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), UkTime.ToUk(a.At).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        a.ActorName, Domain.Common.DisplayNames.Words(a.Action), a.CaseId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        a.FromState is null ? null : Domain.Common.DisplayNames.Words(a.FromState), a.ToState is null ? null : Domain.Common.DisplayNames.Words(a.ToState), a.Reason, a.Details,
    ];

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditRow>> Row =
        a => new AuditRow(a.Id, a.At, a.ActorName, a.ActorId, a.Action, a.CaseId, a.FromState, a.ToState, a.Reason, a.Details);

    /// <summary>The log's filters as a query (with the user text trimmed, and a problem with the dates): the page and the export share it.</summary>
    private async Task<(IQueryable<AuditEntry> Query, string? User, string? Problem)> FilteredAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.CaseId is { } caseId)
        {
            query = query.Where(a => a.CaseId == caseId);
        }

        var user = filter.User?.Trim();
        if (!string.IsNullOrEmpty(user))
        {
            // An exact user id (from a user's page), else names and e-mail addresses that contain the text.
            var ids = await db.Users.AsNoTracking()
                .Where(u => u.Id == user || EF.Functions.Like(u.DisplayName, SearchText.Contains(user), "\\") || EF.Functions.Like(u.Email!, SearchText.Contains(user), "\\"))
                .Select(u => u.Id).Take(100).ToListAsync(cancellationToken);
            query = query.Where(a => ids.Contains(a.ActorId));
        }

        string? problem = null;
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            problem = "The 'to' date is before the 'from' date.";
        }

        if (filter.From is { } fromDay)
        {
            var start = StartOfUkDay(fromDay);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } toDay)
        {
            var end = StartOfUkDay(toDay.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        return (query, user, problem);
    }

    /// <summary>
    /// The action the filter asks for: as the log shows it ("Case put on hold", "QA case read") or as stored
    /// ("CasePutOnHold"); null for any.
    /// </summary>
    public static string? ActionCode(string? text)
    {
        var words = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words switch
        {
            null or [] => null,
            [var code] => code,
            _ => string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant())),
        };
    }

    private static readonly string[] CaseActionNames = typeof(CaseActions).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    private DateTimeOffset StartOfUkDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, clock.LocalTimeZone.GetUtcOffset(local));
    }
}
