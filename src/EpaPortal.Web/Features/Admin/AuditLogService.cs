using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

public sealed record AuditFilter(int? CaseId, string? User, DateOnly? From, DateOnly? To, string? Action, int Page);

public sealed record AuditLogViewModel(AuditFilter Filter, Paged<AuditRow> Entries, IReadOnlyList<string> Actions, string? Problem);

/// <summary>
/// The audit log viewer: read-only (the application has no way to change or delete an entry; the
/// context and database triggers refuse it too). Filters use the indexes CaseId+At, ActorId+At and At.
/// </summary>
public sealed class AuditLogService(PortalDbContext db, TimeProvider clock)
{
    public async Task<AuditLogViewModel> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
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

        var total = await query.CountAsync(cancellationToken);
        var page = Paging.ClampPage(filter.Page);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * Paging.MaxPageSize).Take(Paging.MaxPageSize)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorName, a.ActorId, a.Action, a.CaseId, a.FromState, a.ToState, a.Reason, a.Details))
            .ToListAsync(cancellationToken);
        var actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return new AuditLogViewModel(filter with { Page = page, User = user }, new Paged<AuditRow>(rows, page, Paging.MaxPageSize, total), actions, problem);
    }

    private DateTimeOffset StartOfUkDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, clock.LocalTimeZone.GetUtcOffset(local));
    }
}
