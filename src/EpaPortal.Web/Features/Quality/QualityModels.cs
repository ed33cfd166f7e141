using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using FluentValidation;

namespace EpaPortal.Web.Features.Quality;

/// <summary>One graded case in the quality assurance queue, with why it is checked.</summary>
public sealed record QaQueueRow(
    int CaseId,
    string ApprenticeName,
    string OrganisationName,
    string StandardCode,
    string Attempt,
    string FinalGrade,
    string? ComputedGrade,
    IReadOnlyList<QaSampleReason> Reasons,
    string AssessorName,
    string GradedAt);

/// <summary>A grade the quality assurer approved or returned: the history beside the queue.</summary>
/// <summary>One of the quality assurer's decisions: the assessor's grade, approved or returned, and the grade moderated to when they moderated it (ADR 27).</summary>
public sealed record QaDecidedRow(int CaseId, string ApprenticeName, string OrganisationName, int Attempt, Grade FinalGrade, Domain.Assessment.QaStatus Decision, DateTimeOffset DecidedAt, int DecisionId, Grade? ModeratedGrade = null);

/// <summary>One keyset page of the quality assurer's own decisions, newest first.</summary>
public sealed record QaDecidedViewModel(IReadOnlyList<QaDecidedRow> Rows, string? Previous, string? Next, string? Problem);

public sealed record QaQueueViewModel(IReadOnlyList<QaQueueRow> Rows, int Page, int Pages, int Total, int SamplePercent)
{
    /// <summary>Cases in the queue that the signed-in user assessed: left to the other quality assurers.</summary>
    public int AssessedByYouCount { get; init; }

    /// <summary>The sort in the URL: <c>graded</c> (oldest first) or <c>-graded</c> (newest first).</summary>
    public string Sort { get; init; } = "graded";
}

/// <summary>One line of evidence cited by a judgement or conclusion, with what it points at.</summary>
/// <summary>One piece of cited evidence: its kind ("Portfolio"), its title and a link to it (null when it is gone).</summary>
public sealed record EvidenceRefView(string Kind, string Title, string? Url);

public sealed record AreaJudgementView(string AreaName, string? Level, string? Rationale);

public sealed record CompetencyEvidenceView(string Code, string Label, string AreaName, IReadOnlyList<EvidenceRefView> Evidence);

public sealed record CriterionView(string Method, string Code, string Text, string Level, bool? Met);

public sealed record ConclusionView(string Subject, string Level, IReadOnlyList<EvidenceRefView> Evidence, string? Comment);

public sealed record QuestionView(int Id, int Order, string Text, string Origin, bool? Asked, string? Answer, IReadOnlyList<string> EvidencedCompetencies);

public sealed record EvidenceItemView(int Id, string Title, string ProjectName, string WorkDate, string Description, IReadOnlyList<string> Competencies, FileView? File, int FileVersions);

public sealed record FileView(Guid Id, string Name, string Size);

public sealed record ProjectView(string BriefTitle, string BriefText, string Window, string? Extension, string? SubmittedAt, string? Summary, IReadOnlyList<FileView> Deliverables, string? ScheduleOverride = null);

public sealed record ReferenceView(string Status, string? Referee, IReadOnlyList<ReferenceSectionView> Sections);

public sealed record ReferenceSectionView(string Area, string? Narrative);

public sealed record InterviewView(string StartsAt, int DurationMinutes, string Mode, string Location, string? CompletedAt, string? ScheduleOverride = null);

public sealed record GradeView(
    string ComputedGrade,
    string FinalGrade,
    bool IsFail,
    string? OverrideJustification,
    string? CappedFrom,
    IReadOnlyList<string> Reasons,
    string? Feedback,
    string? Recommendation,
    string QaStatus,
    IReadOnlyList<QaSampleReason> QaReasons,
    string DecidedAt,
    string AssessorName)
{
    /// <summary>The quality assurer's moderated grade (the one released), when the grade was moderated.</summary>
    public string? ModeratedGrade { get; init; }

    public string? ModerationReason { get; init; }
}

public sealed record EarlierDecisionView(int Attempt, string FinalGrade, string QaStatus, string? QaBy, string? QaAt, string? ReturnReason);

public sealed record QaCaseViewModel(
    int CaseId,
    string ApprenticeName,
    string Uln,
    string OrganisationName,
    string StandardCode,
    string Scheme,
    string Attempt,
    string State,
    bool IsOnHold,
    GradeView? Grade,
    IReadOnlyList<AreaJudgementView> Areas,
    IReadOnlyList<CompetencyEvidenceView> CompetencyEvidence,
    IReadOnlyList<CriterionView> Criteria,
    string? AssessorNotes,
    IReadOnlyList<ConclusionView> Conclusions,
    InterviewView? Interview,
    IReadOnlyList<QuestionView> Questions,
    IReadOnlyList<EvidenceItemView> Portfolio,
    ProjectView? Project,
    ReferenceView? Reference,
    IReadOnlyList<EarlierDecisionView> EarlierDecisions,
    bool CanApprove,
    bool CanReturn,
    IReadOnlyList<string> Problems)
{
    /// <summary>The approved reasonable adjustments, as kind and effect (never the details or evidence).</summary>
    public IReadOnlyList<string> Adjustments { get; init; } = [];

    public ReturnGradeInput Return { get; init; } = new();

    /// <summary>The grade awaits QA and this quality assurer may moderate it instead of approving or returning it.</summary>
    public bool CanModerate { get; init; }

    public ModerateGradeInput Moderate { get; init; } = new();
}

/// <summary>Moderating a grade (issue 21, item 5): the grade, the reason (required) and for a Fail the next step.
/// The domain's <see cref="Moderation.Problems"/> validates it.</summary>
public sealed class ModerateGradeInput
{
    public Grade? Grade { get; set; }

    public string? Reason { get; set; }

    public AttemptKind? Recommendation { get; set; }

    public ModerationRequest ToRequest() => new(Grade, Reason, Recommendation);
}

/// <summary>Returning a grade to the assessor: where to, and why (required).</summary>
public sealed class ReturnGradeInput
{
    public CaseState? Target { get; set; }

    public string? Reason { get; set; }
}

public sealed class ReturnGradeInputValidator : AbstractValidator<ReturnGradeInput>
{
    public static readonly IReadOnlyList<CaseState> Targets = [CaseState.PreInterviewReview, CaseState.InterviewCompleted];

    public ReturnGradeInputValidator()
    {
        RuleFor(x => x.Target)
            .NotNull().WithMessage("Choose where to return the grade: the pre-interview review or the interview record.")
            .Must(t => t is null || Targets.Contains(t.Value)).WithMessage("Choose where to return the grade: the pre-interview review or the interview record.");
        RuleFor(x => x.Reason)
            .NotEmpty().WithMessage("Give the reason for returning the grade: the assessor reads it.")
            .MaximumLength(FieldLengths.Reason).WithMessage($"Keep the reason to {FieldLengths.Reason} characters.");
    }
}
