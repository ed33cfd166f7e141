using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Infrastructure;
using FluentValidation;

namespace EpaPortal.Web.Features.Grading;

/// <summary>The final judgement form: levels and rationales, evidence per competency, criteria, and the proposal.</summary>
public sealed class JudgementInput
{
    public Guid? Version { get; set; }

    public List<AreaJudgementInput> Areas { get; set; } = [];

    public List<CompetencyEvidenceInput> Competencies { get; set; } = [];

    public List<CriterionInput> Criteria { get; set; } = [];

    /// <summary>Null: the computed grade.</summary>
    public Grade? ProposedGrade { get; set; }

    public string? OverrideJustification { get; set; }

    public AttemptKind? Recommendation { get; set; }

    public string? Feedback { get; set; }

    /// <summary>Set by the "submit for quality assurance" button.</summary>
    public bool Submit { get; set; }
}

public sealed class AreaJudgementInput
{
    public string? AreaCode { get; set; }

    public AreaLevel? Level { get; set; }

    public string? Rationale { get; set; }
}

public sealed class CompetencyEvidenceInput
{
    public int CompetencyId { get; set; }

    public List<string> EvidenceRefs { get; set; } = [];
}

public sealed class CriterionInput
{
    public int CriterionId { get; set; }

    /// <summary>Null: not judged yet.</summary>
    public bool? Met { get; set; }
}

public sealed class JudgementInputValidator : AbstractValidator<JudgementInput>
{
    public JudgementInputValidator()
    {
        RuleForEach(x => x.Areas).ChildRules(a =>
        {
            a.RuleFor(x => x.Level).IsInEnum().WithMessage("Choose Below, Expected or Above.");
            a.RuleFor(x => x.Rationale).MaximumLength(FieldLengths.Narrative).WithMessage($"A rationale can be at most {FieldLengths.Narrative} characters.");
        });
        RuleForEach(x => x.Competencies).ChildRules(c =>
            c.RuleFor(x => x.EvidenceRefs).Must(r => string.Join(",", r).Length <= FieldLengths.EvidenceRefs).WithMessage("Too many evidence references for one competency."));
        RuleFor(x => x.ProposedGrade).IsInEnum();
        RuleFor(x => x.Recommendation).IsInEnum()
            .Must(r => r is null or AttemptKind.Resit or AttemptKind.Retake).WithMessage("Recommend a re-sit or a re-take.");
        RuleFor(x => x.OverrideJustification).MaximumLength(FieldLengths.Reason).WithMessage($"The justification can be at most {FieldLengths.Reason} characters.");
        RuleFor(x => x.Feedback).MaximumLength(FieldLengths.LongText).WithMessage($"The feedback can be at most {FieldLengths.LongText} characters.");
    }
}

/// <summary>A grade decision of this attempt as the assessor sees it (the latest is current).</summary>
public sealed record DecisionRow(
    int Id,
    Grade ComputedGrade,
    Grade FinalGrade,
    string? OverrideJustification,
    Grade? CappedFrom,
    AttemptKind? Recommendation,
    string Reasons,
    string? Feedback,
    DateTimeOffset DecidedAt,
    QaStatus QaStatus,
    string? QaReturnReason,
    DateTimeOffset? QaAt,
    string? QaSampleReasons = null,
    Grade? ModeratedGrade = null,
    string? ModerationReason = null);

public sealed record JudgementViewModel(
    CaseAccessInfo Header,
    StandardOutline Outline,
    EvidenceCatalogue Evidence,
    bool CanStart,
    string? CannotStartReason,
    bool Editable,
    DateTimeOffset? SavedAt,
    JudgementInput Input,
    GradeCalculation? Calculation,
    IReadOnlyList<MethodCoverage> Methods,
    IReadOnlyList<DecisionRow> Decisions,
    IReadOnlyDictionary<int, InitialLevel> InitialLevels,
    ConflictInfo? Conflict,
    bool Prefilled = false)
{
    public AreaJudgementInput? Area(string code) => Input.Areas.FirstOrDefault(a => a.AreaCode == code);

    public CompetencyEvidenceInput? CompetencyEvidence(int id) => Input.Competencies.FirstOrDefault(c => c.CompetencyId == id);

    public CriterionInput? Criterion(int id) => Input.Criteria.FirstOrDefault(c => c.CriterionId == id);
}

/// <summary>
/// The outcome of submitting the judgement: the save's outcome (a refusal carries the version of the draft it
/// saved) and, once graded, the final grade and the sampling rule's answer (with QA, and why, or not sampled).
/// </summary>
public sealed record SubmitResult(SaveResult Save, Grade? FinalGrade, QaSamplingResult? Sampling)
{
    /// <summary>What happens next, for the assessor, after a successful submission.</summary>
    public string SuccessMessage() => Sampling is { Required: true } sampling
        ? $"The judgement is submitted and the grade decided ({FinalGrade}). It goes to quality assurance ({sampling.Describe()}): a quality assurer checks it before an admin can release the result."
        : $"The judgement is submitted and the grade decided ({FinalGrade}). It was not sampled for quality assurance, so it is ready for an admin to release.";
}
