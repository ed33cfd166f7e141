using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>
/// The admin's gateway check: the latest submission with its evidence, a decision per item
/// (GatewaySubmission.RecordReview), then the domain's move to GatewayApproved (every item approved,
/// an assessor allocated) or GatewayRejected (each rejected item with its reason).
/// </summary>
public sealed class GatewayReviewService(PortalDbContext db, CaseFactsLoader loader, CaseCommands commands, CaseWorkflow workflow, Notifier notifier)
{
    public async Task<GatewayReviewViewModel?> PageAsync(int caseId, GatewayReviewInput? posted, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var epaCase = await loader.LoadCaseAsync(caseId, cancellationToken);
        if (epaCase is null)
        {
            return null;
        }

        var facts = await loader.LoadFactsAsync(epaCase, cancellationToken);
        db.ChangeTracker.Clear();
        var gateway = facts.Gateway;
        var assessorName = await NameAsync(epaCase.AssessorId, cancellationToken);
        GatewaySubmissionView? submission = null;
        if (gateway is not null)
        {
            var fileIds = gateway.ModuleResults.Select(m => m.CertificateFileId)
                .Concat(new[] { gateway.EnglishEvidenceFileId, gateway.MathsEvidenceFileId }.OfType<Guid>())
                .ToList();
            var files = await db.StoredFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id))
                .ToDictionaryAsync(f => f.Id, f => new EvidenceFileLink(f.Id, f.OriginalFileName), cancellationToken);
            EvidenceFileLink? File(Guid? id) => id is { } value ? files.GetValueOrDefault(value) : null;

            submission = new GatewaySubmissionView(
                gateway.SubmittedAt,
                await NameAsync(gateway.SubmittedById, cancellationToken) ?? gateway.SubmittedById,
                gateway.EmployerSignatoryName,
                gateway.EmployerSignatoryJobTitle,
                gateway.ModuleResults.Select(m => new ModuleResultView(m.Module, m.AwardingBody, m.PassedOn, File(m.CertificateFileId))).ToList(),
                File(gateway.EnglishEvidenceFileId),
                gateway.EnglishExemptionReason,
                File(gateway.MathsEvidenceFileId),
                gateway.MathsExemptionReason,
                gateway.MinimumTimeOnProgrammeConfirmed,
                epaCase.Apprentice!.StartDate,
                facts.StandardVersion.Settings.MinimumMonthsOnProgramme,
                epaCase.PortfolioSubmittedAt is not null,
                epaCase.PortfolioConfirmedAt is null ? null : $"{epaCase.PortfolioConfirmedByName}, {epaCase.PortfolioConfirmedByJobTitle}",
                facts.EmployerReferenceSubmitted,
                gateway.PortfolioAndReferenceCompleteConfirmed,
                gateway.ReadinessDeclared,
                gateway.ApprenticeConsentsToCertificateRequest,
                gateway.ReviewedAt,
                await NameAsync(gateway.ReviewedById, cancellationToken));
        }

        var input = posted ?? new GatewayReviewInput
        {
            Items = Enum.GetValues<GatewayItem>().Select(item =>
            {
                var review = gateway?.Reviews.FirstOrDefault(r => r.Item == item);
                return new GatewayItemInput { Item = item, Decision = review?.Decision ?? GatewayItemDecision.Pending, Reason = review?.Reason };
            }).ToList(),
        };
        var canDecide = gateway is not null && epaCase.State == CaseState.GatewaySubmitted && !epaCase.IsOnHold;
        return new GatewayReviewViewModel(caseId, epaCase.Apprentice!.FullName, facts.Parties.ApprenticeOrganisationName, epaCase.State, epaCase.IsOnHold,
            assessorName, canDecide, submission, input, problems);
    }

    /// <summary>
    /// Records the item decisions and moves the case; the apprentice and employer are told. When the move
    /// is refused (no assessor allocated yet, an item still to decide...) the item decisions are saved all
    /// the same, audited, with the case unchanged: the admin puts the problem right and comes back to them.
    /// </summary>
    public async Task<GatewayDecisionResult> DecideAsync(int caseId, GatewayReviewInput input, bool approve, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? refusal = null;
        var result = await commands.RunAsync(caseId, async (epaCase, facts) =>
        {
            if (facts.Gateway is not { } gateway)
            {
                return CaseOutcome.Refused("There is no gateway submission to review.");
            }

            foreach (var item in input.Items.Where(i => Enum.IsDefined(i.Item)))
            {
                var reason = string.IsNullOrWhiteSpace(item.Reason) ? null : item.Reason.Trim();
                gateway.RecordReview(item.Item, item.Decision, reason);
            }

            var outcome = workflow.Transition(epaCase, approve ? CaseState.GatewayApproved : CaseState.GatewayRejected, commands.Actor, facts, reason: null);
            if (outcome.Succeeded)
            {
                await notifier.GatewayDecidedAsync(caseId, approve, cancellationToken);
                return outcome;
            }

            refusal = outcome.Problems;
            return workflow.KeepGatewayReview(epaCase, commands.Actor, facts);
        }, cancellationToken);

        if (refusal is null || ReferenceEquals(result, CommandResult.Conflict))
        {
            return new GatewayDecisionResult(result, DecisionsKept: false);
        }

        return new GatewayDecisionResult(CommandResult.Refused(refusal), DecisionsKept: result.Succeeded);
    }

    private async Task<string?> NameAsync(string? userId, CancellationToken cancellationToken) =>
        userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
}
