using EpaPortal.Domain.Adjustments;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Adjustments;

/// <summary>
/// The reasonable adjustments register (issue 18, item 6), admin side: recording an adjustment of a case and
/// approving or refusing it with a reason, both audited. Approved adjustments change the case's timings
/// through <see cref="ScheduleAdjustment"/> (read by <c>CaseFactsLoader</c> and <c>CaseAccess</c>).
/// </summary>
public sealed class AdjustmentsService(PortalDbContext db, CurrentUser user, TimeProvider clock, AuditLog audit)
{
    public const string AdjustmentRecorded = "AdjustmentRecorded";
    public const string AdjustmentDecided = "AdjustmentDecided";

    public async Task<AdjustmentsViewModel> PageAsync(CaseAccessInfo header, AdjustmentInput? input, int? decidingId, AdjustmentDecisionInput? decision, CancellationToken cancellationToken)
    {
        var adjustments = await db.ReasonableAdjustments.AsNoTracking()
            .Where(a => a.CaseId == header.CaseId)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var rows = adjustments
            .Select(a => new AdjustmentRow(
                a.Id, a.Type, AdjustmentAccess.SeesEvidence(header.Relation, user.Id, a) ? a.Details : null,
                a.ExtraProjectWorkingDays, a.ExtraInterviewMinutes, a.Status, a.DecisionReason, a.RequestedAt, a.DecidedAt))
            .ToList();
        return new AdjustmentsViewModel(header, rows, input ?? new AdjustmentInput { ExtraProjectWorkingDays = 0, ExtraInterviewMinutes = 0 }, decidingId, decision ?? new AdjustmentDecisionInput());
    }

    public async Task RecordAsync(int caseId, AdjustmentInput input, CancellationToken cancellationToken)
    {
        var adjustment = new ReasonableAdjustment(caseId, input.Type!.Value, input.Details!, input.ExtraProjectWorkingDays ?? 0, input.ExtraInterviewMinutes ?? 0, user.Id, clock.GetUtcNow());
        db.ReasonableAdjustments.Add(adjustment);
        audit.Add(AdjustmentRecorded, caseId, $"{ReasonableAdjustment.TypeName(adjustment.Type)}: {adjustment.Effect}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Approves or refuses; false when the case has no such adjustment.</summary>
    public async Task<bool> DecideAsync(int caseId, int adjustmentId, AdjustmentDecisionInput input, CancellationToken cancellationToken)
    {
        var adjustment = await db.ReasonableAdjustments.FirstOrDefaultAsync(a => a.Id == adjustmentId && a.CaseId == caseId, cancellationToken);
        if (adjustment is null)
        {
            return false;
        }

        adjustment.Decide(input.Approve!.Value, input.Reason!, user.Id, clock.GetUtcNow());
        audit.Add(AdjustmentDecided, caseId, $"{ReasonableAdjustment.TypeName(adjustment.Type)} ({adjustment.Effect}) {(adjustment.Status == AdjustmentStatus.Approved ? "approved" : "refused")}", adjustment.DecisionReason);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
