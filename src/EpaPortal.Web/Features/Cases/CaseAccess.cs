using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Cases;

/// <summary>What the signed-in user is to one case, and what of it they may see (the domain decides).</summary>
public sealed record CaseAccessInfo(
    int CaseId,
    CaseRelation Relation,
    CaseView View,
    CaseState State,
    int Attempt,
    bool IsOnHold,
    string? AssessorId,
    string? ApprenticeUserId,
    string ApprenticeName,
    string Uln,
    int OrganisationId,
    string OrganisationName)
{
    public bool IsStaff => Relation.IsStaff();
}

/// <summary>
/// One small query per request answers "may this user see this case, and what of it". Features call
/// this before anything else and answer 404 when <see cref="CaseAccessInfo.View"/> shows nothing.
/// </summary>
public sealed class CaseAccess(PortalDbContext db, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<CaseAccessInfo?> ForCurrentUserAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var row = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new
            {
                c.Id,
                c.State,
                c.Attempt,
                c.IsOnHold,
                c.AssessorId,
                c.ResultReleasedAt,
                ApprenticeUserId = c.Apprentice!.UserId,
                c.Apprentice.GivenNames,
                c.Apprentice.FamilyName,
                c.Apprentice.Uln,
                c.Apprentice.OrganisationId,
                OrganisationName = c.Apprentice.Organisation!.Name,
                WindowOpensAt = db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt).Select(p => (DateTimeOffset?)p.WindowOpensAt).FirstOrDefault(),
                ReferenceSubmitted = db.EmployerReferences.Any(r => r.CaseId == c.Id && r.Status == ReferenceStatus.Submitted),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var parties = new CaseParties(row.ApprenticeUserId, row.OrganisationId, row.OrganisationName);
        var relation = CaseRelations.Of(currentUser.ToActor(), row.AssessorId, parties);
        var context = new VisibilityContext(row.State, row.WindowOpensAt is { } opens && now >= opens, row.ReferenceSubmitted, row.ResultReleasedAt is not null);
        var view = CaseVisibility.For(relation, context);
        return new CaseAccessInfo(row.Id, relation, view, row.State, row.Attempt, row.IsOnHold, row.AssessorId, row.ApprenticeUserId,
            $"{row.GivenNames} {row.FamilyName}", row.Uln, row.OrganisationId, row.OrganisationName);
    }

    /// <summary>The case, if the user may see it at all; null (answer 404) otherwise.</summary>
    public async Task<CaseAccessInfo?> VisibleCaseAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var access = await ForCurrentUserAsync(caseId, cancellationToken);
        return access is { View.Case: true } ? access : null;
    }
}
