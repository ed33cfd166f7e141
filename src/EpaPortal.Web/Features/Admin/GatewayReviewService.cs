using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Gateway;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>
/// The admin's gateway check: the latest submission with its evidence, a decision per item
/// (GatewaySubmission.RecordReview), then the domain's move to GatewayApproved (every item approved,
/// an assessor allocated) or GatewayRejected (each rejected item with its reason).
/// </summary>
public sealed class GatewayReviewService(PortalDbContext db, CaseCommands commands, CaseWorkflow workflow, Notifier notifier)
{
    /// <summary>The gateway check page: the case's facts (already loaded and authorized on) and one command for the files and the names.</summary>
    public async Task<GatewayReviewViewModel> PageAsync(CaseSnapshot snapshot, GatewayReviewInput? posted, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        var caseId = epaCase.Id;
        var gateway = facts.Gateway;
        var assessorName = epaCase.AssessorId is null ? null : snapshot.AssessorName;
        GatewaySubmissionView? submission = null;
        if (gateway is not null)
        {
            var fileIds = gateway.ModuleResults.Select(m => m.CertificateFileId)
                .Concat(new[] { gateway.EnglishEvidenceFileId, gateway.MathsEvidenceFileId }.OfType<Guid>())
                .ToList();
            var (submittedBy, reviewedBy) = (gateway.SubmittedById, gateway.ReviewedById);
            var providerId = facts.Parties.ProviderOrganisationId;
            var found = await db.Cases.AsNoTracking()
                .Where(c => c.Id == caseId)
                .Select(c => new
                {
                    Files = db.StoredFiles.Where(f => f.CaseId == c.Id && (f.Purpose == FilePurpose.KnowledgeModuleCertificate || f.Purpose == FilePurpose.EnglishMathsEvidence))
                        .Select(f => new GatewayFile(
                            f.Id,
                            f.OriginalFileName,
                            f.GatewaySlot,
                            f.UploadedAt,
                            db.Users.Where(u => u.Id == f.UploadedById).Select(u => u.DisplayName).FirstOrDefault(),
                            providerId != null && db.Users.Any(u => u.Id == f.UploadedById && u.OrganisationId == providerId))).ToList(),
                    SubmittedBy = db.Users.Where(u => u.Id == submittedBy).Select(u => u.DisplayName).FirstOrDefault(),
                    ReviewedBy = db.Users.Where(u => u.Id == reviewedBy).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .AsSingleQuery()
                .SingleAsync(cancellationToken);
            var files = found.Files.Where(f => fileIds.Contains(f.Id)).ToDictionary(f => f.Id, f => new EvidenceFileLink(f.Id, f.FileName, f.UploadedBy));
            EvidenceFileLink? File(Guid? id) => id is { } value ? files.GetValueOrDefault(value) : null;

            submission = new GatewaySubmissionView(
                gateway.SubmittedAt,
                found.SubmittedBy ?? gateway.SubmittedById,
                gateway.EmployerSignatoryName,
                gateway.EmployerSignatoryJobTitle,
                gateway.ModuleResults.Select(m => new ModuleResultView(m.Module, m.AwardingBody, m.PassedOn, File(m.CertificateFileId))).ToList(),
                File(gateway.EnglishEvidenceFileId),
                gateway.EnglishExemptionReason,
                File(gateway.MathsEvidenceFileId),
                gateway.MathsExemptionReason,
                gateway.MinimumTimeOnProgrammeConfirmed,
                snapshot.Apprentice.StartDate,
                facts.StandardVersion.Settings.MinimumMonthsOnProgramme,
                epaCase.PortfolioSubmittedAt is not null,
                epaCase.PortfolioConfirmedAt is null ? null : $"{epaCase.PortfolioConfirmedByName}, {epaCase.PortfolioConfirmedByJobTitle}",
                facts.EmployerReferenceSubmitted,
                gateway.PortfolioAndReferenceCompleteConfirmed,
                gateway.ReadinessDeclared,
                gateway.ApprenticeConsentsToCertificateRequest,
                gateway.ReviewedAt,
                found.ReviewedBy)
            {
                ProviderSignature = gateway.ProviderSignedAt is { } providerSigned
                    ? $"{gateway.ProviderSignatoryName}, {gateway.ProviderSignatoryJobTitle}, on {UkTime.DateTime(providerSigned)}"
                    : null,
            };
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
        return new GatewayReviewViewModel(caseId, snapshot.Apprentice.FullName, facts.Parties.ApprenticeOrganisationName, epaCase.State, epaCase.IsOnHold,
            assessorName, canDecide, submission, input, problems);
    }

    /// <summary>
    /// Records the item decisions and moves the case; the apprentice and employer are told. When the move
    /// is refused (no assessor allocated yet, an item still to decide...) the item decisions are saved all
    /// the same, audited, with the case unchanged: the admin puts the problem right and comes back to them.
    /// </summary>
    public async Task<GatewayDecisionResult> DecideAsync(CaseSnapshot snapshot, GatewayReviewInput input, bool approve, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? refusal = null;
        var result = await commands.RunAsync(snapshot, async (epaCase, facts) =>
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
                await notifier.GatewayDecidedAsync(epaCase.Id, approve, cancellationToken);
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

}
