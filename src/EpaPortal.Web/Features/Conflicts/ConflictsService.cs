using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Conflicts;

/// <summary>
/// Conflicts of interest: an assessor declares them per organisation (with a reason and dates) and
/// can end them; admins see them all. While one is in force, the case workflow refuses to allocate
/// the assessor to that organisation's apprentices.
/// </summary>
public sealed class ConflictsService(PortalDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);

    public async Task<MyConflictsViewModel> MinePageAsync(DeclareConflictInput input, CancellationToken cancellationToken) =>
        new(await ListAsync(user.Id, null, inForceOnly: false, cancellationToken), await OrganisationsAsync(cancellationToken), input);

    public async Task<AdminConflictsViewModel> AdminPageAsync(bool inForceOnly, int? organisationId, CancellationToken cancellationToken) =>
        new(await ListAsync(null, organisationId, inForceOnly, cancellationToken), inForceOnly, organisationId, await OrganisationsAsync(cancellationToken));

    /// <summary>Declares a conflict for the signed-in assessor; null, or the problem with the organisation.</summary>
    public async Task<string?> DeclareAsync(DeclareConflictInput input, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == input.OrganisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return "Choose an organisation from the list.";
        }

        var now = clock.GetUtcNow();
        var conflict = new ConflictOfInterest(user.Id, input.OrganisationId!.Value, input.Reason!.Trim(), input.From!.Value, input.To, now);
        db.ConflictsOfInterest.Add(conflict);
        audit.Add("ConflictDeclared", null, $"Conflict with {organisation} from {conflict.From:dd/MM/yyyy}{(conflict.To is { } to ? $" to {to:dd/MM/yyyy}" : " (open-ended)")}", conflict.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Ends one of the signed-in assessor's conflicts at the end of today; false if it is not theirs.</summary>
    public async Task<bool> EndAsync(int id, CancellationToken cancellationToken)
    {
        var conflict = await db.ConflictsOfInterest.Include(c => c.Organisation).SingleOrDefaultAsync(c => c.Id == id && c.AssessorId == user.Id, cancellationToken);
        if (conflict is null)
        {
            return false;
        }

        var lastDay = conflict.From > Today ? conflict.From : Today;
        conflict.End(lastDay);
        audit.Add("ConflictEnded", null, $"Conflict with {conflict.Organisation?.Name} ends on {lastDay:dd/MM/yyyy}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<IReadOnlyList<ConflictRow>> ListAsync(string? assessorId, int? organisationId, bool inForceOnly, CancellationToken cancellationToken)
    {
        var today = Today;
        var query = db.ConflictsOfInterest.AsNoTracking();
        if (assessorId is not null)
        {
            query = query.Where(c => c.AssessorId == assessorId);
        }

        if (organisationId is not null)
        {
            query = query.Where(c => c.OrganisationId == organisationId);
        }

        if (inForceOnly)
        {
            query = query.Where(c => c.From <= today && (c.To == null || c.To >= today));
        }

        var rows = await query
            .OrderBy(c => c.Organisation!.Name).ThenByDescending(c => c.From)
            .Select(c => new
            {
                Conflict = c,
                AssessorName = db.Users.Where(u => u.Id == c.AssessorId).Select(u => u.DisplayName).FirstOrDefault(),
                OrganisationName = c.Organisation!.Name,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ConflictRow(r.Conflict.Id, r.AssessorName ?? r.Conflict.AssessorId, r.Conflict.OrganisationId, r.OrganisationName, r.Conflict.Reason,
                r.Conflict.From, r.Conflict.To, r.Conflict.DeclaredAt, Admin.ConflictStatus.Of(r.Conflict, today), r.Conflict.IsInForceOn(today)))
            .ToList();
    }

    private async Task<IReadOnlyList<OrganisationChoice>> OrganisationsAsync(CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganisationChoice(o.Id, o.Name)).ToListAsync(cancellationToken);
}
