using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;

namespace EpaPortal.Domain.Assessment;

/// <summary>
/// When the assessor's own records may be written, by the state of the case and the clock (who may write
/// them is <see cref="Access.CasePermissions"/>'s answer for <see cref="Access.CaseOperation.Assess"/> and
/// <see cref="Access.CaseOperation.ArrangeAssessment"/>). Each rule answers null when allowed, or the
/// sentence the page shows when not. Moves of the case itself are the workflow's (<see cref="CaseWorkflow"/>).
/// </summary>
public static class AssessmentRules
{
    private const string NoGradeBeforeTheInterview = "No grade can be decided until all the evidence, including the interview, has been assessed.";

    private static readonly HashSet<CaseState> SchedulableStates = [CaseState.GatewayApproved, CaseState.ResitPlanned, CaseState.RetakePlanned, CaseState.ProjectScheduled];

    private static readonly HashSet<CaseState> JudgedStates =
    [
        CaseState.InterviewCompleted, CaseState.Graded, CaseState.IqaApproved, CaseState.ResultReleased, CaseState.CertificateRequested,
        CaseState.FailRecorded, CaseState.AppealLodged, CaseState.AppealRejected,
    ];

    /// <summary>The project brief and window: set while the project can still be scheduled or its window has not opened.</summary>
    public static string? WhyBriefCannotBeSet(CaseState state, bool onHold)
    {
        if (onHold)
        {
            return "The case is on hold.";
        }

        if (SchedulableStates.Contains(state))
        {
            return null;
        }

        return state is CaseState.Registered or CaseState.GatewaySubmitted or CaseState.GatewayRejected
            ? "The project can be scheduled once the gateway has been approved."
            : $"The brief can no longer be changed: the case is '{DisplayNames.Of(state)}' and the window has opened.";
    }

    /// <summary>The pre-interview notes and questions: written during the review and until the interview starts.</summary>
    public static string? WhyNotesCannotChange(CaseState state, bool onHold, DateTimeOffset? interviewStartsAt, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (onHold)
        {
            return "The case is on hold.";
        }

        return state switch
        {
            CaseState.PreInterviewReview => null,
            CaseState.InterviewScheduled when interviewStartsAt is { } at && at <= now =>
                $"The interview started on {DisplayNames.Moment(TimeZoneInfo.ConvertTime(at, zone))}: the planned questions are now recorded on the interview page.",
            CaseState.InterviewScheduled => null,
            CaseState.GatewayApproved or CaseState.ProjectScheduled or CaseState.ProjectInProgress or CaseState.ProjectSubmitted
                or CaseState.ResitPlanned or CaseState.RetakePlanned or CaseState.AppealUpheld =>
                "The pre-interview review has not started: it starts once the project is submitted and you start the review on the case page.",
            _ => "The interview has taken place: the pre-interview notes are kept as they were.",
        };
    }

    /// <summary>The interview booking: made during the pre-interview review (the workflow checks the notes and questions).</summary>
    public static string? WhyInterviewCannotBeBooked(CaseState state, bool onHold) =>
        onHold ? "The case is on hold."
        : state == CaseState.PreInterviewReview ? null
        : "The interview can be booked once the pre-interview review is under way.";

    /// <summary>Moving a booked interview: only before it has been completed.</summary>
    public static string? WhyInterviewCannotBeMoved(CaseState state, bool onHold, Interview? interview) =>
        onHold ? "The case is on hold."
        : state == CaseState.InterviewScheduled && interview is { CompletedAt: null } ? null
        : "Only a booked interview that has not been completed can be moved.";

    /// <summary>The interview record: written once the booked interview has started, and kept up to date after it.</summary>
    public static string? WhyInterviewCannotBeRecorded(CaseState state, bool onHold, Interview? interview, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (onHold)
        {
            return "The case is on hold.";
        }

        if (interview is null || state is not (CaseState.InterviewScheduled or CaseState.InterviewCompleted))
        {
            return "The interview is recorded once it has been booked and has started.";
        }

        return state == CaseState.InterviewScheduled && now < interview.StartsAt
            ? $"You can record the interview once it starts, on {DisplayNames.Moment(TimeZoneInfo.ConvertTime(interview.StartsAt, zone))}."
            : null;
    }

    /// <summary>
    /// The final judgement: started once the interview has been recorded and completed (domain.md section 1: no
    /// grade before all the evidence, the interview included, has been assessed).
    /// </summary>
    public static string? WhyJudgementCannotStart(CaseState state, bool returnedByQa, DateTimeOffset? interviewStartsAt, TimeZoneInfo zone)
    {
        if (JudgedStates.Contains(state))
        {
            return null;
        }

        return state switch
        {
            CaseState.InterviewScheduled =>
                $"The final judgement can be started once the interview has been recorded and marked completed. The interview is booked for {(interviewStartsAt is { } at ? DisplayNames.Moment(TimeZoneInfo.ConvertTime(at, zone)) : "a date to be confirmed")}. {NoGradeBeforeTheInterview}",
            CaseState.PreInterviewReview when returnedByQa =>
                $"Quality assurance returned the case to the pre-interview review: revise the notes, then book, hold and record the interview again before the final judgement. {NoGradeBeforeTheInterview}",
            _ => $"The final judgement is recorded after the interview, which has not taken place yet. {NoGradeBeforeTheInterview}",
        };
    }

    /// <summary>Changing the judgement: after the interview, until it is submitted (again after a return by quality assurance).</summary>
    public static string? WhyJudgementCannotChange(CaseState state, bool onHold, bool returnedByQa, DateTimeOffset? interviewStartsAt, TimeZoneInfo zone)
    {
        if (onHold)
        {
            return "The case is on hold.";
        }

        return WhyJudgementCannotStart(state, returnedByQa, interviewStartsAt, zone)
            ?? (state == CaseState.InterviewCompleted ? null : "The judgement has been submitted: it can be changed only if quality assurance returns it.");
    }

    /// <summary>
    /// Which methods the judgement has assessed: a method counts when the judgement cites evidence from it, or
    /// when the attempt produced nothing to cite from it (no project file uploaded, say). The judgement must draw
    /// on every method that produced evidence.
    /// </summary>
    public static IReadOnlyList<MethodCoverage> Coverage(IEnumerable<AssessmentMethod> methods, IEnumerable<EvidenceSource> cited, IEnumerable<EvidenceSource> offered)
    {
        var citedSources = cited.ToHashSet();
        var offeredSources = offered.ToHashSet();
        return methods.Select(m => new MethodCoverage(m, citedSources.Contains(SourceOf(m)), !offeredSources.Contains(SourceOf(m)))).ToList();
    }

    /// <summary>What the grading service is told: the methods assessed and whether the interview has been completed.</summary>
    public static AssessmentProgress Progress(IEnumerable<MethodCoverage> coverage, bool interviewCompleted) =>
        new(coverage.Where(m => m.Assessed).Select(m => m.Method).ToList(), interviewCompleted);

    /// <summary>Where the evidence of each method comes from.</summary>
    public static EvidenceSource SourceOf(AssessmentMethod method) => method switch
    {
        AssessmentMethod.Portfolio => EvidenceSource.PortfolioItem,
        AssessmentMethod.Project => EvidenceSource.ProjectFile,
        AssessmentMethod.EmployerReference => EvidenceSource.ReferenceSection,
        _ => EvidenceSource.InterviewAnswer,
    };
}

/// <summary>Whether the judgement draws on one method (a method with nothing to cite counts as assessed).</summary>
public sealed record MethodCoverage(AssessmentMethod Method, bool Cited, bool NothingToCite)
{
    public bool Assessed => Cited || NothingToCite;
}
