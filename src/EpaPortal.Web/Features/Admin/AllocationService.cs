using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

public sealed record AssessorOption(string Id, string Name, string Email, int Caseload, IReadOnlyList<string> Warnings);

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
public sealed class AllocationService(PortalDbContext db, CaseCommands commands, CaseWorkflow workflow, Notifier notifier, TimeProvider clock)
{
    /// <summary>Cases that still need their assessor's work: from the gateway to the grade's quality assurance.</summary>
    public static readonly IReadOnlyList<CaseState> CaseloadStates =
    [
        CaseState.GatewaySubmitted, CaseState.GatewayApproved, CaseState.ProjectScheduled, CaseState.ProjectInProgress,
        CaseState.ProjectSubmitted, CaseState.PreInterviewReview, CaseState.InterviewScheduled, CaseState.InterviewCompleted,
        CaseState.Graded, CaseState.ResitPlanned, CaseState.RetakePlanned, CaseState.AppealUpheld,
    ];

    /// <summary>The allocation page: the case's facts (already loaded and authorized on) and one command for every active assessor with their conflicts and caseload.</summary>
    public async Task<AllocationViewModel> PageAsync(CaseSnapshot snapshot, string? selected, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        var assessors = await AssessorsAsync(null, cancellationToken);
        var eligible = new List<AssessorOption>();
        var ineligible = new List<IneligibleAssessor>();
        foreach (var assessor in assessors)
        {
            if (assessor.Actor.UserId == epaCase.AssessorId)
            {
                continue;
            }

            var refusal = workflow.CheckAllocation(epaCase, commands.Actor, assessor.Actor, assessor.Conflicts, facts);
            if (refusal.Count == 0)
            {
                eligible.Add(new AssessorOption(assessor.Actor.UserId, assessor.Actor.DisplayName, assessor.Email, assessor.Caseload, assessor.Warnings));
            }
            else
            {
                ineligible.Add(new IneligibleAssessor(assessor.Actor.DisplayName, refusal));
            }
        }

        return new AllocationViewModel(epaCase.Id, snapshot.Apprentice.FullName, facts.Parties.ApprenticeOrganisationName, epaCase.State, epaCase.AssessorId is null ? null : snapshot.AssessorName,
            eligible.OrderBy(a => a.Caseload).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList(), ineligible, selected, problems);
    }

    /// <summary>Allocates the assessor through the domain and tells them, in one save.</summary>
    public Task<CommandResult> AllocateAsync(CaseSnapshot snapshot, string assessorId, CancellationToken cancellationToken) =>
        commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            var found = await AssessorsAsync(assessorId, cancellationToken);
            if (found.Count != 1)
            {
                return CaseOutcome.Refused("Choose an assessor from the list: that person is not an active assessor.");
            }

            var outcome = workflow.AllocateAssessor(epaCase, commands.Actor, found[0].Actor, found[0].Conflicts, facts);
            if (outcome.Succeeded)
            {
                await notifier.AssessorAllocatedAsync(epaCase.Id, cancellationToken);
            }

            return outcome;
        }, cancellationToken);

    /// <summary>An assessor as allocation sees them; <paramref name="Warnings"/> are their lapsed standardisation records (issue 21, item 6).</summary>
    internal sealed record AssessorRow(Actor Actor, string Email, IReadOnlyList<ConflictOfInterest> Conflicts, int Caseload, int? Capacity, IReadOnlyList<string> Warnings);

    /// <summary>Active users in the Assessor role (or the one asked for) as the domain sees them, with every role
    /// they hold, their declared conflicts and their open cases: one command.</summary>
    internal async Task<List<AssessorRow>> AssessorsAsync(string? onlyId, CancellationToken cancellationToken)
    {
        var states = CaseloadStates.ToList();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);
        var assessors = PortalUsers.HolderIds(db, Roles.Assessor);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.DisabledAt == null && (onlyId == null || u.Id == onlyId) && assessors.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.OrganisationId,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => db.Roles.Where(r => r.Id == ur.RoleId).Select(r => r.Name!).FirstOrDefault()!).ToList(),
                Conflicts = db.ConflictsOfInterest.Where(c => c.AssessorId == u.Id).ToList(),
                Caseload = db.Cases.Count(c => c.AssessorId == u.Id && states.Contains(c.State)),
                u.MaxOpenCases,
                Records = db.AssessorRecords.Where(r => r.AssessorId == u.Id).Select(r => new { r.Kind, r.ExpiresOn }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return users
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new AssessorRow(new Actor(u.Id, u.DisplayName, ActorExtensions.ToPortalRoles(u.Roles), u.OrganisationId), u.Email ?? string.Empty, u.Conflicts, u.Caseload, u.MaxOpenCases,
                AssessorStanding.Lapsed(u.Records.Select(r => (r.Kind, r.ExpiresOn)), today)))
            .ToList();
    }
}

/// <summary>For the conflicts list: whether a conflict is in force on a day.</summary>
public static class ConflictStatus
{
    public static string Of(ConflictOfInterest conflict, DateOnly today) =>
        conflict.IsInForceOn(today) ? "In force" : conflict.From > today ? "Starts later" : "Ended";
}
