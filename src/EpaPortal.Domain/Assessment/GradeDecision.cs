using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;

namespace EpaPortal.Domain.Assessment;

public enum QaStatus
{
    /// <summary>Awaiting a quality assurer.</summary>
    Pending,

    /// <summary>Not sampled for QA: approved on submission.</summary>
    NotSampled,
    Approved,
    Returned,
}

/// <summary>
/// The grade of one attempt: what the grading service computed, what the assessor proposed (an override
/// needs a justification and always goes to QA), the reasons, and the QA and release record.
/// </summary>
public class GradeDecision : IVersioned
{
    private GradeDecision()
    {
        AssessorId = Reasons = string.Empty;
    }

    public GradeDecision(int caseId, int attempt, string assessorId, Grade computedGrade, Grade finalGrade, string reasons, DateTimeOffset decidedAt)
    {
        CaseId = caseId;
        Attempt = attempt;
        AssessorId = assessorId;
        ComputedGrade = computedGrade;
        FinalGrade = finalGrade;
        Reasons = reasons;
        DecidedAt = decidedAt;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public int Attempt { get; private set; }

    public string AssessorId { get; private set; }

    /// <summary>What the grading service computed from the judgements.</summary>
    public Grade ComputedGrade { get; private set; }

    /// <summary>The grade after any override and cap.</summary>
    public Grade FinalGrade { get; private set; }

    public bool IsOverride => OverrideJustification is not null;

    public string? OverrideJustification { get; set; }

    /// <summary>Set when a re-sit/re-take cap lowered the grade.</summary>
    public Grade? CappedFrom { get; set; }

    /// <summary>The grading service's explanation, one reason per line.</summary>
    public string Reasons { get; private set; }

    /// <summary>Feedback for the apprentice, shown only after release.</summary>
    public string? Feedback { get; set; }

    /// <summary>For a fail: the recommended next step (re-sit or re-take).</summary>
    public AttemptKind? Recommendation { get; set; }

    public DateTimeOffset DecidedAt { get; private set; }

    public QaStatus QaStatus { get; set; }

    /// <summary>Why the decision was sampled for QA, as <c>QaSampling.Store</c> writes it (null: not sampled,
    /// or decided before the reasons were recorded).</summary>
    public string? QaSampleReasons { get; set; }

    public string? QaById { get; set; }

    public DateTimeOffset? QaAt { get; set; }

    /// <summary>The IQA decision date: the achievement date in the results export.</summary>
    public DateOnly? QaDecisionDate { get; set; }

    public string? QaReturnReason { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public string? ReleasedById { get; set; }

    /// <summary>The grade a quality assurer moderated to (issue 21, item 5, ADR 27): released instead of
    /// <see cref="FinalGrade"/>, which stays the assessor's.</summary>
    public Grade? ModeratedGrade { get; private set; }

    /// <summary>Why the quality assurer moderated the grade: the assessor reads it, the apprentice does not.</summary>
    public string? ModerationReason { get; private set; }

    /// <summary>For a moderated Fail: the next step the quality assurer recommends (re-sit or re-take).</summary>
    public AttemptKind? ModerationRecommendation { get; private set; }

    public string? ModeratedById { get; private set; }

    public DateTimeOffset? ModeratedAt { get; private set; }

    public bool IsModerated => ModeratedGrade is not null;

    /// <summary>The grade released to the apprentice: the moderated grade when there is one, else the assessor's.</summary>
    public Grade ReleasedGrade => Moderation.Released(FinalGrade, ModeratedGrade);

    /// <summary>The next step after a released Fail: the quality assurer's when they moderated, else the assessor's.</summary>
    public AttemptKind? ReleasedRecommendation => IsModerated ? ModerationRecommendation : Recommendation;

    /// <summary>Records a moderated grade beside the assessor's (the caller checked <see cref="Moderation.Problems"/>).</summary>
    public void Moderate(Grade grade, string reason, AttemptKind? recommendation, string moderatedById, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(moderatedById);
        ModeratedGrade = grade;
        ModerationReason = reason.Trim();
        ModerationRecommendation = grade == Grade.Fail ? recommendation : null;
        ModeratedById = moderatedById;
        ModeratedAt = at;
    }

    public Guid Version { get; set; }
}
