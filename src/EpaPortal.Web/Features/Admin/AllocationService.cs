using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

public sealed record AssessorOption(string Id, string Name, string Email, int Caseload);

public sealed record IneligibleAssessor(string Name, IReadOnlyList<string> Reasons);

public sealed record AllocationViewModel(
    int CaseId,
    string ApprenticeName,
    string OrganisationName,
    CaseState State,
    string? CurrentAssessorName,
    IReadOnlyList<AssessorOption> Eligible,
    IReadOnlyList<IneligibleAssessor> Ineligible,
    string? SelectedAssessorId,
    IReadOnlyList<string> Problems);

/// <summary>
/// Allocating the independent assessor. The list holds only the assessors the domain would accept
/// (CaseWorkflow.CheckAllocation: no conflict in force with the apprentice's organisation, not a party,
/// not the case's quality assurer...), each with their caseload; the allocation itself is the domain's
/// AllocateAssessor, whose refusal is shown as it is.
/// </summary>
public sealed class AllocationService(PortalDbContext db, CaseFactsLoader loader, CaseCommands commands, CaseWorkflow workflow, Notifier notifier)
{
    /// <summary>Cases that still need their assessor's work: from the gateway to the grade's quality assurance.</summary>
    public static readonly IReadOnlyList<CaseState> CaseloadStates =
    [
        CaseState.GatewaySubmitted, CaseState.GatewayApproved, CaseState.ProjectScheduled, CaseState.ProjectInProgress,
        CaseState.ProjectSubmitted, CaseState.PreInterviewReview, CaseState.InterviewScheduled, CaseState.InterviewCompleted,
        CaseState.Graded, CaseState.ResitPlanned, CaseState.RetakePlanned, CaseState.AppealUpheld,
    ];

    public async Task<AllocationViewModel?> PageAsync(int caseId, string? selected, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var epaCase = await loader.LoadCaseAsync(caseId, cancellationToken);
        if (epaCase is null)
        {
            return null;
        }

        var facts = await loader.LoadFactsAsync(epaCase, cancellationToken);
        var assessors = await AssessorsAsync(null, cancellationToken);
        var ids = assessors.Select(a => a.Actor.UserId).ToList();
        var conflicts = await db.ConflictsOfInterest.AsNoTracking().Where(c => ids.Contains(c.AssessorId)).ToListAsync(cancellationToken);
        var caseloads = await CaseloadsAsync(cancellationToken);

        var eligible = new List<AssessorOption>();
        var ineligible = new List<IneligibleAssessor>();
        foreach (var assessor in assessors)
        {
            if (assessor.Actor.UserId == epaCase.AssessorId)
            {
                continue;
            }

            var refusal = workflow.CheckAllocation(epaCase, commands.Actor, assessor.Actor, conflicts, facts);
            if (refusal.Count == 0)
            {
                eligible.Add(new AssessorOption(assessor.Actor.UserId, assessor.Actor.DisplayName, assessor.Email, caseloads.GetValueOrDefault(assessor.Actor.UserId)));
            }
            else
            {
                ineligible.Add(new IneligibleAssessor(assessor.Actor.DisplayName, refusal));
            }
        }

        var current = epaCase.AssessorId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == epaCase.AssessorId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new AllocationViewModel(caseId, epaCase.Apprentice!.FullName, facts.Parties.ApprenticeOrganisationName, epaCase.State, current,
            eligible.OrderBy(a => a.Caseload).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList(), ineligible, selected, problems);
    }

    /// <summary>Allocates the assessor through the domain and tells them, in one save.</summary>
    public Task<CommandResult> AllocateAsync(int caseId, string assessorId, CancellationToken cancellationToken) =>
        commands.RunAsync(caseId, async (epaCase, facts) =>
        {
            var found = await AssessorsAsync(assessorId, cancellationToken);
            if (found.Count != 1)
            {
                return CaseOutcome.Refused("Choose an assessor from the list: that person is not an active assessor.");
            }

            var conflicts = await db.ConflictsOfInterest.AsNoTracking().Where(c => c.AssessorId == assessorId).ToListAsync(cancellationToken);
            var outcome = workflow.AllocateAssessor(epaCase, commands.Actor, found[0].Actor, conflicts, facts);
            if (outcome.Succeeded)
            {
                await notifier.AssessorAllocatedAsync(caseId, cancellationToken);
            }

            return outcome;
        }, cancellationToken);

    /// <summary>Open cases per assessor (one grouped query).</summary>
    public async Task<Dictionary<string, int>> CaseloadsAsync(CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking()
            .Where(c => c.AssessorId != null && CaseloadStates.Contains(c.State))
            .GroupBy(c => c.AssessorId!)
            .Select(g => new { AssessorId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.AssessorId, x => x.Count, StringComparer.Ordinal, cancellationToken);

    /// <summary>Active users in the Assessor role (or the one asked for) as the domain sees them, with every role they hold.</summary>
    private async Task<List<(Actor Actor, string Email)>> AssessorsAsync(string? onlyId, CancellationToken cancellationToken)
    {
        var users = await (from user in db.Users.AsNoTracking()
                           join userRole in db.UserRoles on user.Id equals userRole.UserId
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where role.Name == Roles.Assessor && user.DisabledAt == null && (onlyId == null || user.Id == onlyId)
                           orderby user.DisplayName
                           select new { user.Id, user.DisplayName, user.Email, user.OrganisationId })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where ids.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        return users.Select(u => (
                new Actor(u.Id, u.DisplayName, ActorExtensions.ToPortalRoles(roles.Where(r => r.UserId == u.Id).Select(r => r.Name!)), u.OrganisationId),
                u.Email ?? string.Empty))
            .ToList();
    }
}

/// <summary>For the conflicts list: whether a conflict is in force on a day.</summary>
public static class ConflictStatus
{
    public static string Of(ConflictOfInterest conflict, DateOnly today) =>
        conflict.IsInForceOn(today) ? "In force" : conflict.From > today ? "Starts later" : "Ended";
}
