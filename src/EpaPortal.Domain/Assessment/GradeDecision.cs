using EpaPortal.Domain.Common;

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

    public Guid Version { get; set; }
}
