using System.Globalization;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Appeals;

/// <summary>
/// Appeals against a released result: lodged by the apprentice or the employer with grounds before the
/// deadline, reviewed by an admin who had no part in the case (assigned by an admin), and decided with a
/// reason; an upheld appeal goes back for re-assessment by a different assessor. The case workflow
/// enforces the window, the independence of the reviewer and the moves.
/// </summary>
public sealed class AppealsService(
    PortalDbContext db,
    CaseCommands commands,
    CaseWorkflow workflow,
    Notifier notifier,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>What a placeholder reason stands for when asking the workflow whether a move would be allowed.</summary>
    private const string ProbeReason = "(checking)";

    private static readonly CaseState[] Appealable = [CaseState.ResultReleased, CaseState.FailRecorded];

    /// <summary>The apprentice's or employer's appeal page for a case they are a party to (its facts already loaded).</summary>
    public async Task<PartyAppealViewModel> PartyPageAsync(CaseSnapshot snapshot, CaseAccessInfo info, CancellationToken cancellationToken = default)
    {
        var epaCase = snapshot.Case;
        var problems = workflow.Check(epaCase, CaseState.AppealLodged, commands.Actor, snapshot.Facts, ProbeReason);
        var state = epaCase.State;
        var deadline = epaCase.AppealDeadline;

        var canLodge = problems.Count == 0;
        IReadOnlyList<string> shown = canLodge ? []
            : Appealable.Contains(state) ? problems
            : [state is CaseState.AppealLodged or CaseState.AppealUpheld or CaseState.AppealRejected
                ? "An appeal has been lodged against this result; its progress is shown below."
                : "You can appeal once a result has been released."];
        var isEmployer = info.Allows(CaseOperation.ActAsEmployer);
        return new PartyAppealViewModel(
            info.CaseId,
            info.ApprenticeName,
            isEmployer,
            deadline is { } d ? UkTime.DateTime(d) : null,
            canLodge,
            shown,
            await AppealsAsync(info.CaseId, withReviewer: false, cancellationToken),
            isEmployer ? string.Create(CultureInfo.InvariantCulture, $"/employer/cases/{info.CaseId}/result") : "/apprentice/result");
    }

    /// <summary>Lodges the appeal and moves the case to AppealLodged in one transaction; the parties get an
    /// acknowledgement and the admins are asked to assign a reviewer (the grounds are in no e-mail).</summary>
    public Task<CommandResult> LodgeAsync(CaseSnapshot snapshot, string grounds, CancellationToken cancellationToken = default) =>
        commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            var actor = commands.Actor;
            var outcome = workflow.Transition(epaCase, CaseState.AppealLodged, actor, facts, AuditText(grounds));
            if (outcome.Succeeded)
            {
                db.Appeals.Add(new Appeal(epaCase.Id, epaCase.Attempt, actor.UserId, grounds, clock.GetUtcNow()));
                await notifier.AppealReceivedAsync(epaCase.Id, cancellationToken);
            }

            return outcome;
        }, cancellationToken);

    /// <summary>Open appeals (awaiting a reviewer, a decision or the re-assessment) and the latest decided ones.</summary>
    public async Task<AppealListViewModel> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (
                from a in db.Appeals.AsNoTracking()
                join c in db.Cases.AsNoTracking() on a.CaseId equals c.Id
                orderby a.LodgedAt descending, a.Id descending
                select new
                {
                    a.CaseId,
                    a.Outcome,
                    a.LodgedAt,
                    a.DecidedAt,
                    c.State,
                    c.Apprentice!.GivenNames,
                    c.Apprentice.FamilyName,
                    Organisation = c.Apprentice.Organisation!.Name,
                    Reviewer = db.Users.Where(u => u.Id == a.ReviewerId).Select(u => u.DisplayName).FirstOrDefault(),
                })
            .Take(500)
            .ToListAsync(cancellationToken);
        var list = rows.Select(r => (
                Open: r.Outcome == AppealOutcome.Pending || r.State == CaseState.AppealUpheld,
                Row: new AppealListRow(
                    r.CaseId,
                    $"{r.GivenNames} {r.FamilyName}",
                    r.Organisation,
                    UkTime.DateTime(r.LodgedAt),
                    DisplayNames.Of(r.State),
                    r.Outcome switch
                    {
                        AppealOutcome.Pending when r.Reviewer is null => "Awaiting a reviewer",
                        AppealOutcome.Pending => "Awaiting the reviewer's decision",
                        AppealOutcome.Upheld when r.State == CaseState.AppealUpheld => "Upheld: awaiting re-assessment",
                        AppealOutcome.Upheld => "Upheld",
                        _ => "Rejected",
                    },
                    r.Reviewer)))
            .ToList();
        return new AppealListViewModel(list.Where(x => x.Open).Select(x => x.Row).ToList(), list.Where(x => !x.Open).Select(x => x.Row).Take(50).ToList());
    }

    /// <summary>The admin's appeal page, from the case's facts (already loaded and authorized) and two commands.</summary>
    public async Task<AdminAppealViewModel> AdminPageAsync(CaseSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        var caseId = epaCase.Id;
        var me = commands.Actor;
        var state = epaCase.State;
        var pending = state == CaseState.AppealLodged && facts.Appeal is { Outcome: AppealOutcome.Pending };
        var reviewers = pending ? await EligibleReviewersAsync(epaCase, facts, cancellationToken) : [];

        string? decideBlocked = null;
        if (pending)
        {
            if (facts.Appeal!.ReviewerId is null)
            {
                decideBlocked = "Assign a reviewer first: only the assigned reviewer decides the appeal.";
            }
            else if (facts.Appeal.ReviewerId != me.UserId)
            {
                decideBlocked = "Only the assigned reviewer can decide this appeal.";
            }
            else if (workflow.Check(epaCase, CaseState.AppealRejected, me, facts, ProbeReason) is { Count: > 0 } problems)
            {
                decideBlocked = string.Join(" ", problems);
            }
        }

        var reassessmentProblems = state == CaseState.AppealUpheld
            ? workflow.Check(epaCase, CaseState.PreInterviewReview, me, facts, reason: null)
            : [];
        var appeals = await AppealsAsync(caseId, withReviewer: true, cancellationToken);
        return new AdminAppealViewModel(
            caseId,
            snapshot.Apprentice.FullName,
            snapshot.OrganisationName,
            DisplayNames.Of(state),
            epaCase.AppealDeadline is { } d ? UkTime.DateTime(d) : null,
            appeals.Count > 0 ? appeals[0] : null,
            appeals.Skip(1).ToList(),
            reviewers,
            CanAssign: pending,
            CanDecide: pending && decideBlocked is null,
            decideBlocked,
            CanStartReassessment: state == CaseState.AppealUpheld,
            reassessmentProblems,
            snapshot.AssessorName)
        {
            Assign = new AssignReviewerInput { ReviewerId = facts.Appeal?.ReviewerId },
        };
    }

    /// <summary>Assigns the reviewer of a pending appeal: an admin the case workflow accepts as independent. Audited.</summary>
    public async Task<CommandResult> AssignReviewerAsync(CaseSnapshot snapshot, string reviewerId, CancellationToken cancellationToken = default)
    {
        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        if (epaCase.State != CaseState.AppealLodged || facts.Appeal is not { Outcome: AppealOutcome.Pending } appeal)
        {
            return CommandResult.Refused("There is no pending appeal to assign a reviewer to.");
        }

        var eligible = await EligibleReviewersAsync(epaCase, facts, cancellationToken);
        if (eligible.FirstOrDefault(r => r.Id == reviewerId) is not { } reviewer)
        {
            return CommandResult.Refused("Choose a reviewer from the list: only an admin who had no part in the case can review its appeal.");
        }

        appeal.ReviewerId = reviewer.Id;
        audit.Add("AppealReviewerAssigned", epaCase.Id, $"{reviewer.Name} ({reviewer.Id}) reviews the appeal lodged {UkTime.DateTime(appeal.LodgedAt)}");
        return await commands.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The assigned reviewer upholds or rejects the appeal with a reason; the domain stamps the decision.</summary>
    public Task<CommandResult> DecideAsync(CaseSnapshot snapshot, AppealOutcome outcome, string reason, CancellationToken cancellationToken = default) =>
        commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            var actor = commands.Actor;
            if (facts.Appeal is { Outcome: AppealOutcome.Pending } appeal && appeal.ReviewerId != actor.UserId)
            {
                return CaseOutcome.Refused(appeal.ReviewerId is null
                    ? "Assign a reviewer first: only the assigned reviewer decides the appeal."
                    : "Only the assigned reviewer can decide this appeal.");
            }

            var target = outcome == AppealOutcome.Upheld ? CaseState.AppealUpheld : CaseState.AppealRejected;
            var result = workflow.Transition(epaCase, target, actor, facts, reason);
            if (result.Succeeded)
            {
                await notifier.AppealDecidedAsync(epaCase.Id, cancellationToken);
            }

            return result;
        }, cancellationToken);

    /// <summary>After an upheld appeal and the allocation of a different assessor, the re-assessment starts.</summary>
    public Task<CommandResult> StartReassessmentAsync(CaseSnapshot snapshot, CancellationToken cancellationToken = default) =>
        commands.TransitionAsync(snapshot, CaseState.PreInterviewReview, reason: "Re-assessment after an upheld appeal", cancellationToken: cancellationToken);

    /// <summary>The active admins the case workflow would let decide this appeal (no part in the case): one command.</summary>
    private async Task<IReadOnlyList<ReviewerOption>> EligibleReviewersAsync(EpaCase epaCase, CaseFacts facts, CancellationToken cancellationToken)
    {
        var admins = await PortalUsers.InRoleAsync(db, Roles.Admin, cancellationToken);
        return admins
            .Where(a => workflow.Check(epaCase, CaseState.AppealRejected, a.Actor, facts, ProbeReason).Count == 0)
            .OrderBy(a => a.Actor.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(a => new ReviewerOption(a.Actor.UserId, a.Actor.DisplayName))
            .ToList();
    }

    /// <summary>The case's appeals, newest first, with the names of who lodged and reviewed them: one command.</summary>
    private async Task<IReadOnlyList<AppealView>> AppealsAsync(int caseId, bool withReviewer, CancellationToken cancellationToken)
    {
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.CaseId == caseId)
            .Select(a => new
            {
                Appeal = a,
                LodgedBy = db.Users.Where(u => u.Id == a.LodgedById).Select(u => u.DisplayName).FirstOrDefault(),
                Reviewer = db.Users.Where(u => u.Id == a.ReviewerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return appeals.OrderByDescending(x => x.Appeal.LodgedAt).ThenByDescending(x => x.Appeal.Id).Select(x => new AppealView(
                x.Appeal.Id,
                x.Appeal.Attempt,
                UkTime.DateTime(x.Appeal.LodgedAt),
                x.LodgedBy ?? "(unknown)",
                x.Appeal.Grounds,
                x.Appeal.Outcome switch
                {
                    AppealOutcome.Pending when x.Appeal.ReviewerId is null => "Received: a reviewer who had no part in the assessment will be assigned",
                    AppealOutcome.Pending => "Being reviewed",
                    AppealOutcome.Upheld => "Upheld: the assessment will be done again by a different assessor",
                    _ => "Rejected: the result stands",
                },
                x.Appeal.DecisionReason,
                x.Appeal.DecidedAt is { } decided ? UkTime.DateTime(decided) : null,
                withReviewer && x.Appeal.ReviewerId is not null ? x.Reviewer : null))
            .ToList();
    }

    /// <summary>The grounds as the audit log's reason (its column holds at most <see cref="FieldLengths.Reason"/> characters).</summary>
    private static string AuditText(string grounds) =>
        grounds.Length <= FieldLengths.Reason ? grounds : grounds[..(FieldLengths.Reason - 1)] + "…";
}
