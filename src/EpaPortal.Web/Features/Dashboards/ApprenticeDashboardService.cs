using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Dashboards;

public enum StepStatus
{
    Done,
    Current,
    Upcoming,
}

public sealed record LifecycleStep(string Name, StepStatus Status);

public sealed record KeyDate(string Label, string Value);

public sealed record NextAction(string Text, string? Url = null, string? LinkText = null);

public sealed record ReleasedResult(string Grade, bool Passed, string? Feedback, DateTimeOffset ReleasedAt, string? Recommendation, DateTimeOffset? AppealDeadline);

public sealed record ApprenticeDashboardViewModel(
    string Name,
    string StandardCode,
    string AssessmentLabel,
    bool OnHold,
    bool Withdrawn,
    IReadOnlyList<LifecycleStep> Steps,
    NextAction Next,
    IReadOnlyList<KeyDate> Dates,
    int EvidenceCount,
    int CoveredCount,
    int CompetencyCount,
    ReleasedResult? Result)
{
    /// <summary>The case, for its messages page (issue 25, item 5).</summary>
    public int CaseId { get; init; }
}

/// <summary>
/// The apprentice's dashboard: where the case stands, what to do next, the dates that matter, and the
/// result only once released (the domain's visibility rule decides; nothing unreleased is ever loaded
/// into the view model).
/// </summary>
public sealed class ApprenticeDashboardService(PortalDbContext db, CaseAuthorizer cases, CurrentUser user, StandardVersionCache versions, PortfolioService portfolio, TimeProvider clock)
{
    private static readonly string[] StepNames = ["Portfolio", "Gateway", "Synoptic project", "Assessment and interview", "Result"];

    /// <summary>The dashboard: the apprentice's own case (authorized), one command for its dates and result, and the coverage.</summary>
    public async Task<ApprenticeDashboardViewModel?> GetAsync(CancellationToken cancellationToken)
    {
        if ((await cases.AuthorizeOwnAsync(user.Principal, CaseOperation.ActAsApprentice, cancellationToken)).Case is not { } caseAccess)
        {
            return null;
        }

        var caseId = caseAccess.CaseId;
        var row = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new
            {
                Case = c,
                Name = c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName,
                Project = db.ProjectSubmissions.FirstOrDefault(p => p.CaseId == c.Id && p.CaseId == caseId && p.Attempt == c.Attempt),
                Interview = db.Interviews.Where(i => i.CaseId == c.Id && i.CaseId == caseId && i.Attempt == c.Attempt).OrderByDescending(i => i.Id).FirstOrDefault(),

                // Released decisions only: an unreleased grade is never loaded for the apprentice.
                Decision = db.GradeDecisions.Where(d => d.CaseId == c.Id && d.CaseId == caseId && d.ReleasedAt != null)
                    .OrderByDescending(d => d.Attempt).ThenByDescending(d => d.ReleasedAt)
                    .FirstOrDefault(),
            })
            .AsSingleQuery()
            .SingleAsync(cancellationToken);
        var epaCase = row.Case;
        var now = clock.GetUtcNow();
        var project = row.Project;
        var version = await versions.GetAsync(db, epaCase.StandardVersionId, cancellationToken);
        var coverage = await portfolio.CoverageAsync(caseId, epaCase.StandardVersionId, cancellationToken);
        var evidenceCount = coverage.EvidenceCount;

        var dates = new List<KeyDate>();
        if (epaCase.PortfolioSubmittedAt is { } portfolioSubmitted)
        {
            dates.Add(new("Portfolio submitted", UkTime.DateTime(portfolioSubmitted)));
        }

        if (project is not null)
        {
            dates.Add(new("Project window opens", UkTime.DateTime(project.WindowOpensAt)));
            dates.Add(new("Project window closes", UkTime.DateTime(project.EffectiveClose)));
        }

        if (caseAccess.View.InterviewBooking && row.Interview is { } interview)
        {
            dates.Add(new("Interview", $"{UkTime.DateTime(interview.StartsAt)} ({interview.DurationMinutes} minutes, {interview.Location})"));
        }

        ReleasedResult? result = null;
        if (caseAccess.View.Result && row.Decision is { } decision && CaseVisibility.CanSeeGradeDecision(caseAccess.Relation, decision))
        {
            result = new ReleasedResult(
                decision.ReleasedGrade.ToString(),
                decision.ReleasedGrade != Grade.Fail,
                decision.Feedback,
                decision.ReleasedAt!.Value,
                decision.ReleasedRecommendation is { } next ? DisplayNames.Of(next) : null,
                epaCase.AppealDeadline);
            dates.Add(new("Result released", UkTime.DateTime(decision.ReleasedAt.Value)));
            if (epaCase.AppealDeadline is { } deadline)
            {
                dates.Add(new("Appeals accepted until", UkTime.DateTime(deadline)));
            }
        }

        var projectOpen = project is not null && project.IsOpenAt(now);
        var settings = version.Settings;
        return new ApprenticeDashboardViewModel(
            row.Name,
            DisplayNames.Of(version),
            settings.AssessmentLabel,
            epaCase.IsOnHold,
            epaCase.State == CaseState.Withdrawn,
            Steps(epaCase.State),
            Next(epaCase, project is null ? null : (project.WindowOpensAt, project.EffectiveClose, projectOpen, project.SubmittedAt), coverage, evidenceCount, result is not null, now),
            dates,
            evidenceCount,
            coverage.CoveredCount,
            coverage.Rows.Count,
            result)
        {
            CaseId = caseId,
        };
    }

    /// <summary>The five stages an apprentice recognises, from the case state.</summary>
    public static IReadOnlyList<LifecycleStep> Steps(CaseState state)
    {
        var current = state switch
        {
            CaseState.Registered => 0,
            CaseState.GatewaySubmitted or CaseState.GatewayRejected => 1,
            CaseState.GatewayApproved or CaseState.ProjectScheduled or CaseState.ProjectInProgress or CaseState.ResitPlanned or CaseState.RetakePlanned => 2,
            CaseState.ProjectSubmitted or CaseState.PreInterviewReview or CaseState.InterviewScheduled or CaseState.InterviewCompleted
                or CaseState.Graded or CaseState.IqaApproved or CaseState.AppealUpheld => 3,
            CaseState.CertificateRequested => StepNames.Length,
            CaseState.Withdrawn => -1,
            _ => 4,
        };
        return StepNames.Select((name, i) => new LifecycleStep(
            name,
            current < 0 ? StepStatus.Upcoming : i < current ? StepStatus.Done : i == current ? StepStatus.Current : StepStatus.Upcoming)).ToList();
    }

    private static NextAction Next(EpaCase epaCase, (DateTimeOffset Opens, DateTimeOffset Closes, bool Open, DateTimeOffset? Submitted)? project, CoverageViewModel coverage, int evidenceCount, bool resultVisible, DateTimeOffset now)
    {
        if (epaCase.IsOnHold)
        {
            return new("Your assessment is on hold. The assessment organisation will contact you.");
        }

        switch (epaCase.State)
        {
            case CaseState.Registered or CaseState.GatewayRejected when epaCase.PortfolioSubmittedAt is null:
                return evidenceCount == 0
                    ? new("Build your portfolio: upload evidence from your real work projects and map it to the standard.", "/apprentice/portfolio/upload", "Upload evidence")
                    : coverage.GapCount > 0
                        ? new($"Keep building your portfolio: {coverage.GapCount} competencies and behaviours have no evidence yet.", "/apprentice/portfolio/coverage", "See the gaps")
                        : new("Every competency has evidence. Check your portfolio and submit it.", "/apprentice/portfolio/submit", "Submit my portfolio");
            case CaseState.Registered or CaseState.GatewayRejected when epaCase.PortfolioConfirmedAt is null:
                return new("Your portfolio is submitted. Your employer has been asked to confirm it is your own work.", "/apprentice/portfolio", "View my portfolio");
            case CaseState.Registered or CaseState.GatewayRejected:
                return new("Your employer confirmed your portfolio. They will submit your gateway when you are ready.");
            case CaseState.GatewaySubmitted:
                return new("Your gateway has been submitted. The assessment organisation is checking it.");
            case CaseState.GatewayApproved or CaseState.ResitPlanned or CaseState.RetakePlanned:
                return new("Your assessor will schedule your synoptic project. Its dates will appear here.");
            case CaseState.ProjectScheduled or CaseState.ProjectInProgress when project is { Open: true }:
                return new($"Your project is open until {UkTime.DateTime(project.Value.Closes)}: upload your deliverables, write your summary and submit.", "/apprentice/project", "Go to my project");
            case CaseState.ProjectScheduled or CaseState.ProjectInProgress when project is { } p && now < p.Opens:
                return new($"Your project window opens on {UkTime.DateTime(p.Opens)}. The brief will appear then.", "/apprentice/project", "My project");
            case CaseState.ProjectScheduled or CaseState.ProjectInProgress:
                return new("Your project window has closed. Contact your assessment organisation if something prevented you from submitting.", "/apprentice/project", "My project");
            case CaseState.ProjectSubmitted or CaseState.PreInterviewReview:
                return new("Your assessor is reviewing your project and portfolio before your interview.");
            case CaseState.InterviewScheduled:
                return new("Prepare for your interview: it covers your portfolio and your project and how you produced them.");
            case CaseState.AppealUpheld:
                return new("Your appeal was upheld: your earlier result was withdrawn and a different assessor will re-assess you. The new result will appear once it is released.", "/apprentice/result", "My result");
            case CaseState.InterviewCompleted or CaseState.Graded or CaseState.IqaApproved:
                return new("Your assessment is being completed and quality assured. You will see your result here once it is released.");
            case CaseState.Withdrawn:
                return new("Your end-point assessment has been withdrawn.");
            default:
                return resultVisible
                    ? new("Your result has been released. Read your feedback below.")
                    : new("Your result is being finalised.");
        }
    }
}
