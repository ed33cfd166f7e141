using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>
/// The top of every assessor page for one case: who it is, where it stands, and whether the viewer may
/// change anything. The allocated assessor works on the case; quality assurers and admins (staff the
/// domain lets see the assessor's notes) may read the same pages; anyone else gets 404.
/// </summary>
public sealed record AssessorCaseHeader(
    int CaseId,
    string ApprenticeName,
    string Uln,
    string EmployerName,
    CaseState State,
    int Attempt,
    AttemptKind AttemptKind,
    bool IsOnHold,
    string? HoldReason,
    string StandardCode,
    int StandardVersionId,
    CaseRelation Relation,
    string? QaReturnReason,
    DateTimeOffset? QaReturnedAt,
    UkNation Nation = UkNation.EnglandAndWales,
    EpaDeadline? Deadline = null)
{
    public bool IsAllocatedAssessor => Relation.HasFlag(CaseRelation.AllocatedAssessor);

    public bool IsAdmin => Relation.HasFlag(CaseRelation.Admin);

    /// <summary>The allocated assessor may change the case's assessment while it is not on hold.</summary>
    public bool CanEdit => IsAllocatedAssessor && !IsOnHold;

    /// <summary>Quality assurance returned this attempt's grade and the case is back with the assessor.</summary>
    public bool IsReturnedByQa => QaReturnReason is not null && State is CaseState.PreInterviewReview or CaseState.InterviewCompleted;
}

public sealed class AssessorCases(PortalDbContext db, CaseAccess access, BankHolidaySource holidays, TimeProvider clock)
{
    /// <summary>The header for a staff member who may see the case's assessment (null: answer 404).</summary>
    public async Task<AssessorCaseHeader?> GetAsync(int caseId, CancellationToken cancellationToken)
    {
        var info = await access.VisibleCaseAsync(caseId, cancellationToken);
        if (info is null || !info.IsStaff || !info.View.AssessorNotes)
        {
            return null;
        }

        var extra = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new
            {
                c.AttemptKind,
                c.HoldReason,
                c.StandardVersionId,
                Reference = c.StandardVersion!.Standard!.Reference,
                c.StandardVersion.Version,
                c.Apprentice!.Nation,
                c.GatewayApprovedAt,
                c.ResultReleasedAt,
                c.StandardVersion.Settings.EpaPeriodMonths,
                LatestDecision = db.GradeDecisions
                    .Where(g => g.CaseId == c.Id && g.CaseId == caseId && g.Attempt == c.Attempt)
                    .OrderByDescending(g => g.DecidedAt).ThenByDescending(g => g.Id)
                    .Select(g => new { g.QaStatus, g.QaReturnReason, g.QaAt })
                    .FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);

        var returned = extra.LatestDecision is { QaStatus: QaStatus.Returned } decision ? decision : null;
        return new AssessorCaseHeader(
            info.CaseId,
            info.ApprenticeName,
            info.Uln,
            info.OrganisationName,
            info.State,
            info.Attempt,
            extra.AttemptKind,
            info.IsOnHold,
            extra.HoldReason,
            DisplayNames.StandardVersion(extra.Reference, extra.Version),
            extra.StandardVersionId,
            info.Relation,
            returned?.QaReturnReason,
            returned?.QaAt,
            extra.Nation,
            EpaDeadlines.Assess(extra.GatewayApprovedAt, extra.ResultReleasedAt, extra.EpaPeriodMonths, holidays.For(extra.Nation), clock));
    }
}
