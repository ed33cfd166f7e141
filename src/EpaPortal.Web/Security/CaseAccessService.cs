using EpaPortal.Domain.Access;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Security;

/// <summary>The signed-in user's relation to one case and what the domain lets them see of it.</summary>
public sealed record CaseAccess(int CaseId, CaseRelation Relation, CaseView View, CaseParties Parties)
{
    public bool IsApprentice => Relation == CaseRelation.Apprentice;
}

/// <summary>
/// Answers "may the signed-in user see this case, and what of it" with the domain's rules
/// (<see cref="CaseRelations"/>, <see cref="CaseVisibility"/>). Features answer 404 when it returns null.
/// </summary>
public sealed class CaseAccessService(PortalDbContext db, CurrentUser user, TimeProvider clock)
{
    /// <summary>The signed-in user as the domain's <see cref="Actor"/>.</summary>
    public Actor Actor() =>
        new(user.Id, user.DisplayName, user.Roles.Select(Enum.Parse<PortalRole>), user.OrganisationId);

    /// <summary>The relation and view, or null when the user has no relation to the case (or it does not exist).</summary>
    public async Task<CaseAccess?> ForCaseAsync(int caseId, CancellationToken cancellationToken)
    {
        var epaCase = await db.Cases.AsNoTracking()
            .Include(c => c.Apprentice!).ThenInclude(a => a.Organisation)
            .SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (epaCase is null)
        {
            return null;
        }

        var parties = CaseParties.From(epaCase);
        var relation = CaseRelations.Of(Actor(), epaCase, parties);
        if (relation == CaseRelation.None)
        {
            return null;
        }

        var project = await db.ProjectSubmissions.AsNoTracking()
            .Where(p => p.CaseId == caseId && p.Attempt == epaCase.Attempt)
            .SingleOrDefaultAsync(cancellationToken);
        var reference = await db.EmployerReferences.AsNoTracking()
            .Where(r => r.CaseId == caseId)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var view = CaseVisibility.For(relation, VisibilityContext.Of(epaCase, project, reference, clock.GetUtcNow()));
        return new CaseAccess(caseId, relation, view, parties);
    }

    /// <summary>The signed-in apprentice's current case (the latest registered), or null.</summary>
    public Task<int?> OwnCaseIdAsync(CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking()
            .Where(c => c.Apprentice!.UserId == user.Id)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
