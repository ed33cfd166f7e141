using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
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
    CaseAccessInfo Header,
    string? NextAction,
    bool CanStartReview,
    PortfolioViewModel? Portfolio,
    ProjectSummary? Project,
    ReferenceSummary? Reference,
    GatewaySummary? Gateway);

/// <summary>
/// Everything the assessor reviews, in one place: the locked portfolio (the portfolio feature's items and
/// coverage grid, with previews of images and PDFs), the project brief and submission, the employer
/// reference and the gateway record. Besides the header and the portfolio, one command reads the project
/// (with its deliverables), the reference (with its sections), the latest gateway (with its modules and
/// reviews) and the interview time; the standard's outline comes from <see cref="StandardVersionCache"/>.
/// </summary>
public sealed class CaseReviewService(PortalDbContext db, PortfolioService portfolio, StandardVersionCache versions, TimeProvider clock)
{
    // Compiled once (EF Core does not rebuild and hash the expression on every view of the page).
    private static readonly Func<PortalDbContext, int, int, CancellationToken, Task<ReviewRow>> RowQuery = EF.CompileAsyncQuery(
        (PortalDbContext db, int caseId, int attempt, CancellationToken cancellationToken) => db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new ReviewRow
            {
                Project = db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.CaseId == caseId && p.Attempt == attempt)
                    .Select(p => new ProjectRow { BriefTitle = p.BriefTitle, BriefText = p.BriefText, WindowOpensAt = p.WindowOpensAt, WindowClosesAt = p.WindowClosesAt, ExtendedUntil = p.ExtendedUntil, ExtensionReason = p.ExtensionReason, SubmittedAt = p.SubmittedAt, Summary = p.Summary })
                    .FirstOrDefault(),
                Deliverables = db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.CaseId == caseId && p.Attempt == attempt)
                    .SelectMany(p => db.StoredFiles.Where(f => f.ProjectSubmissionId == p.Id && f.Purpose == FilePurpose.ProjectDeliverable))
                    .Select(f => new DeliverableRow(f.Id, f.OriginalFileName, f.ContentType, f.SizeBytes, f.UploadedAt))
                    .ToList(),
                Reference = db.EmployerReferences.Where(r => r.CaseId == c.Id && r.CaseId == caseId)
                    .Select(r => new ReferenceRow { Status = r.Status, RefereeName = r.RefereeName, RefereeJobTitle = r.RefereeJobTitle, RelationshipToApprentice = r.RelationshipToApprentice, MonthsSupervised = r.MonthsSupervised, SubmittedAt = r.SubmittedAt })
                    .FirstOrDefault(),
                Sections = db.EmployerReferences.Where(r => r.CaseId == c.Id && r.CaseId == caseId)
                    .SelectMany(r => r.Sections)
                    .Select(s => new SectionRow { Id = s.Id, AreaCode = s.AreaCode, Narrative = s.Narrative })
                    .ToList(),
                Gateway = db.GatewaySubmissions.Where(g => g.CaseId == c.Id && g.CaseId == caseId)
                    .OrderByDescending(g => g.SubmittedAt).ThenByDescending(g => g.Id)
                    .Select(g => new GatewayRow
                    {
                        Id = g.Id,
                        SubmittedAt = g.SubmittedAt,
                        EnglishEvidenceFileId = g.EnglishEvidenceFileId,
                        EnglishExemptionReason = g.EnglishExemptionReason,
                        MathsEvidenceFileId = g.MathsEvidenceFileId,
                        MathsExemptionReason = g.MathsExemptionReason,
                        MinimumTimeOnProgrammeConfirmed = g.MinimumTimeOnProgrammeConfirmed,
                        ReadinessDeclared = g.ReadinessDeclared,
                        EmployerSignatoryName = g.EmployerSignatoryName,
                        EmployerSignatoryJobTitle = g.EmployerSignatoryJobTitle,
                        ReviewedAt = g.ReviewedAt,
                    })
                    .FirstOrDefault(),
    
                // Every gateway's modules and reviews (a case has one or two gateways): the latest's are kept below.
                Modules = db.GatewaySubmissions.Where(g => g.CaseId == c.Id && g.CaseId == caseId)
                    .SelectMany(g => g.ModuleResults)
                    .Select(m => new ModuleRow { Id = m.Id, GatewaySubmissionId = m.GatewaySubmissionId, Module = m.Module, AwardingBody = m.AwardingBody, PassedOn = m.PassedOn, CertificateFileId = m.CertificateFileId })
                    .ToList(),
                Reviews = db.GatewaySubmissions.Where(g => g.CaseId == c.Id && g.CaseId == caseId)
                    .SelectMany(g => g.Reviews)
                    .Select(r => new GatewayReviewItemRow { Id = r.Id, GatewaySubmissionId = r.GatewaySubmissionId, Item = r.Item, Decision = r.Decision, Reason = r.Reason })
                    .ToList(),
                InterviewAt = db.Interviews.Where(i => i.CaseId == c.Id && i.CaseId == caseId && i.Attempt == attempt).Select(i => (DateTimeOffset?)i.StartsAt).FirstOrDefault(),
            })
            .AsSingleQuery()
            .Single());

    public async Task<CaseReviewViewModel> GetAsync(CaseAccessInfo header, CancellationToken cancellationToken)
    {
        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var portfolioModel = await portfolio.GetAsync(header.CaseId, editable: false, [], cancellationToken);

        // Every part below is tied to the case row (so EF Core joins it to it) and also filtered by the case's
        // id as a parameter: SQLite reads each as a small subquery found through the indexes on CaseId and on
        // the parent key, instead of joining (or numbering) whole tables first.
        var caseId = header.CaseId;
        var attempt = header.Attempt;
        var row = await RowQuery(db, caseId, attempt, cancellationToken);

        var stored = row.Project;
        var project = stored is null ? null : new ProjectSummary(stored.BriefTitle, stored.BriefText, stored.WindowOpensAt, stored.WindowClosesAt,
            stored.ExtendedUntil, stored.ExtensionReason, stored.SubmittedAt, stored.Summary, row.Deliverables.OrderBy(f => f.UploadedAt).ThenBy(f => f.FileId).ToList());

        ReferenceSummary? referenceSummary = null;
        if (row.Reference is { } reference)
        {
            // A draft is the employer's work in progress, not evidence: only a submitted reference is shown.
            var submitted = reference.Status == ReferenceStatus.Submitted;
            var sections = row.Sections.OrderBy(s => s.Id).ToList();
            referenceSummary = new ReferenceSummary(
                reference.Status,
                submitted ? reference.RefereeName : null,
                submitted ? reference.RefereeJobTitle : null,
                submitted ? reference.RelationshipToApprentice : null,
                submitted ? reference.MonthsSupervised : null,
                reference.SubmittedAt,
                submitted
                    ? outline.Areas.Select(a => new ReferenceSectionRow(a.Name, sections.FirstOrDefault(s => s.AreaCode == a.Code)?.Narrative)).ToList()
                    : []);
        }

        var gateway = row.Gateway;
        var gatewaySummary = gateway is null ? null : new GatewaySummary(
            gateway.SubmittedAt,
            row.Modules.Where(m => m.GatewaySubmissionId == gateway.Id).OrderBy(m => m.Id)
                .Select(m => new GatewayModuleRow(m.Module, m.AwardingBody, m.PassedOn, m.CertificateFileId)).ToList(),
            gateway.EnglishEvidenceFileId,
            gateway.EnglishExemptionReason,
            gateway.MathsEvidenceFileId,
            gateway.MathsExemptionReason,
            gateway.MinimumTimeOnProgrammeConfirmed,
            gateway.ReadinessDeclared,
            gateway.EmployerSignatoryName is null ? null : $"{gateway.EmployerSignatoryName}, {gateway.EmployerSignatoryJobTitle}",
            gateway.ReviewedAt,
            row.Reviews.Where(r => r.GatewaySubmissionId == gateway.Id).OrderBy(r => r.Item).ThenBy(r => r.Id)
                .Select(r => new GatewayReviewRow(r.Item, r.Decision, r.Reason)).ToList());

        var interviewAt = row.InterviewAt;
        var urgency = header.State == CaseState.InterviewScheduled && interviewAt is { } at && at <= clock.GetUtcNow() ? CaseUrgency.NeedsAction : CaseUrgency.Waiting;
        var nextAction = header.Allows(CaseOperation.Assess)
            ? CaseloadService.NextAction(header.State, header.IsOnHold, urgency, project?.WindowOpensAt, project?.WindowClosesAt, interviewAt)
            : null;
        var canStartReview = header.CanEdit && CaseWorkflow.Allows(header.State, CaseState.PreInterviewReview, CaseRelation.AllocatedAssessor);
        return new CaseReviewViewModel(header, nextAction, canStartReview, portfolioModel, project, referenceSummary, gatewaySummary);
    }

    private sealed class ReviewRow
    {
        public ProjectRow? Project { get; init; }

        public required List<DeliverableRow> Deliverables { get; init; }

        public ReferenceRow? Reference { get; init; }

        public required List<SectionRow> Sections { get; init; }

        public GatewayRow? Gateway { get; init; }

        public required List<ModuleRow> Modules { get; init; }

        public required List<GatewayReviewItemRow> Reviews { get; init; }

        public DateTimeOffset? InterviewAt { get; init; }
    }

    private sealed class ProjectRow
    {
        public required string BriefTitle { get; init; }

        public required string BriefText { get; init; }

        public DateTimeOffset WindowOpensAt { get; init; }

        public DateTimeOffset WindowClosesAt { get; init; }

        public DateTimeOffset? ExtendedUntil { get; init; }

        public string? ExtensionReason { get; init; }

        public DateTimeOffset? SubmittedAt { get; init; }

        public string? Summary { get; init; }
    }

    private sealed class ReferenceRow
    {
        public ReferenceStatus Status { get; init; }

        public string? RefereeName { get; init; }

        public string? RefereeJobTitle { get; init; }

        public string? RelationshipToApprentice { get; init; }

        public int? MonthsSupervised { get; init; }

        public DateTimeOffset? SubmittedAt { get; init; }
    }

    private sealed class SectionRow
    {
        public int Id { get; init; }

        public required string AreaCode { get; init; }

        public string? Narrative { get; init; }
    }

    private sealed class GatewayRow
    {
        public int Id { get; init; }

        public DateTimeOffset SubmittedAt { get; init; }

        public Guid? EnglishEvidenceFileId { get; init; }

        public string? EnglishExemptionReason { get; init; }

        public Guid? MathsEvidenceFileId { get; init; }

        public string? MathsExemptionReason { get; init; }

        public bool MinimumTimeOnProgrammeConfirmed { get; init; }

        public bool ReadinessDeclared { get; init; }

        public string? EmployerSignatoryName { get; init; }

        public string? EmployerSignatoryJobTitle { get; init; }

        public DateTimeOffset? ReviewedAt { get; init; }
    }

    private sealed class ModuleRow
    {
        public int Id { get; init; }

        public int GatewaySubmissionId { get; init; }

        public required string Module { get; init; }

        public required string AwardingBody { get; init; }

        public DateOnly PassedOn { get; init; }

        public Guid CertificateFileId { get; init; }
    }

    private sealed class GatewayReviewItemRow
    {
        public int Id { get; init; }

        public int GatewaySubmissionId { get; init; }

        public GatewayItem Item { get; init; }

        public GatewayItemDecision Decision { get; init; }

        public string? Reason { get; init; }
    }
}
