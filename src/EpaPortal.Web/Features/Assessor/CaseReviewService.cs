using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Assessor;

public sealed record ReferenceSectionRow(string AreaName, string? Narrative);

public sealed record ReferenceSummary(
    ReferenceStatus Status,
    string? RefereeName,
    string? RefereeJobTitle,
    string? Relationship,
    int? MonthsSupervised,
    DateTimeOffset? SubmittedAt,
    IReadOnlyList<ReferenceSectionRow> Sections);

public sealed record GatewayModuleRow(string Module, string AwardingBody, DateOnly PassedOn, Guid CertificateFileId);

public sealed record GatewayReviewRow(GatewayItem Item, GatewayItemDecision Decision, string? Reason);

public sealed record GatewaySummary(
    DateTimeOffset SubmittedAt,
    IReadOnlyList<GatewayModuleRow> Modules,
    Guid? EnglishEvidenceFileId,
    string? EnglishExemptionReason,
    Guid? MathsEvidenceFileId,
    string? MathsExemptionReason,
    bool MinimumTimeConfirmed,
    bool ReadinessDeclared,
    string? Signatory,
    DateTimeOffset? ReviewedAt,
    IReadOnlyList<GatewayReviewRow> Reviews);

public sealed record CaseReviewViewModel(
    AssessorCaseHeader Header,
    string? NextAction,
    bool CanStartReview,
    PortfolioViewModel? Portfolio,
    ProjectSummary? Project,
    ReferenceSummary? Reference,
    GatewaySummary? Gateway);

/// <summary>
/// Everything the assessor reviews, in one place: the locked portfolio (the portfolio feature's items and
/// coverage grid, with previews of images and PDFs), the project brief and submission, the employer
/// reference and the gateway record.
/// </summary>
public sealed class CaseReviewService(PortalDbContext db, PortfolioService portfolio, TimeProvider clock)
{
    public async Task<CaseReviewViewModel> GetAsync(AssessorCaseHeader header, CancellationToken cancellationToken)
    {
        var outline = await StandardOutline.LoadAsync(db, header.StandardVersionId, cancellationToken);
        var portfolioModel = await portfolio.GetAsync(header.CaseId, editable: false, [], cancellationToken);
        var project = await ProjectBriefService.ProjectSummaryAsync(db, header.CaseId, header.Attempt, cancellationToken);

        var reference = await db.EmployerReferences.AsNoTracking()
            .Include(r => r.Sections)
            .SingleOrDefaultAsync(r => r.CaseId == header.CaseId, cancellationToken);
        ReferenceSummary? referenceSummary = null;
        if (reference is not null)
        {
            // A draft is the employer's work in progress, not evidence: only a submitted reference is shown.
            var submitted = reference.Status == ReferenceStatus.Submitted;
            referenceSummary = new ReferenceSummary(
                reference.Status,
                submitted ? reference.RefereeName : null,
                submitted ? reference.RefereeJobTitle : null,
                submitted ? reference.RelationshipToApprentice : null,
                submitted ? reference.MonthsSupervised : null,
                reference.SubmittedAt,
                submitted
                    ? outline.Areas.Select(a => new ReferenceSectionRow(a.Name, reference.Sections.FirstOrDefault(s => s.AreaCode == a.Code)?.Narrative)).ToList()
                    : []);
        }

        var gateway = await db.GatewaySubmissions.AsNoTracking()
            .Include(g => g.ModuleResults).Include(g => g.Reviews)
            .Where(g => g.CaseId == header.CaseId)
            .OrderByDescending(g => g.SubmittedAt).ThenByDescending(g => g.Id)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        var gatewaySummary = gateway is null ? null : new GatewaySummary(
            gateway.SubmittedAt,
            gateway.ModuleResults.Select(m => new GatewayModuleRow(m.Module, m.AwardingBody, m.PassedOn, m.CertificateFileId)).ToList(),
            gateway.EnglishEvidenceFileId,
            gateway.EnglishExemptionReason,
            gateway.MathsEvidenceFileId,
            gateway.MathsExemptionReason,
            gateway.MinimumTimeOnProgrammeConfirmed,
            gateway.ReadinessDeclared,
            gateway.EmployerSignatoryName is null ? null : $"{gateway.EmployerSignatoryName}, {gateway.EmployerSignatoryJobTitle}",
            gateway.ReviewedAt,
            gateway.Reviews.OrderBy(r => r.Item).Select(r => new GatewayReviewRow(r.Item, r.Decision, r.Reason)).ToList());

        var interviewAt = await db.Interviews.AsNoTracking()
            .Where(i => i.CaseId == header.CaseId && i.Attempt == header.Attempt)
            .Select(i => (DateTimeOffset?)i.StartsAt)
            .SingleOrDefaultAsync(cancellationToken);
        var urgency = header.State == CaseState.InterviewScheduled && interviewAt is { } at && at <= clock.GetUtcNow() ? CaseUrgency.NeedsAction : CaseUrgency.Waiting;
        var nextAction = header.IsAllocatedAssessor
            ? CaseloadService.NextAction(header.State, header.IsOnHold, urgency, project?.WindowOpensAt, project?.WindowClosesAt, interviewAt)
            : null;
        var canStartReview = header.CanEdit && header.State is CaseState.ProjectSubmitted or CaseState.AppealUpheld;
        return new CaseReviewViewModel(header, nextAction, canStartReview, portfolioModel, project, referenceSummary, gatewaySummary);
    }
}
