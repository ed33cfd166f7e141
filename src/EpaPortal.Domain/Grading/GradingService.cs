using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Grading;

/// <summary>What the assessor submits with the final judgements.</summary>
/// <param name="ProposedGrade">A grade other than the computed one (a holistic override), or null.</param>
/// <param name="OverrideJustification">Required when the proposed grade differs from the computed one.</param>
/// <param name="Recommendation">For a Fail: re-sit (no further training) or re-take (further training first).</param>
/// <param name="Feedback">The assessor's feedback for the apprentice, shown after release.</param>
public sealed record GradeProposal(Grade? ProposedGrade = null, string? OverrideJustification = null, AttemptKind? Recommendation = null, string? Feedback = null);

/// <summary>The grade after the assessor's proposal: an override needs a justification.</summary>
/// <param name="Grade">The grade after the override, if any.</param>
/// <param name="IsOverride">The assessor proposed a grade other than the computed one.</param>
/// <param name="Problem">Why the proposal is refused, or null.</param>
/// <param name="Reason">The line explaining the override, for the reasons; null when there is none.</param>
public sealed record OverrideResult(Grade Grade, bool IsOverride, string? Problem, string? Reason);

/// <summary>The grading service's answer: a new <see cref="GradeDecision"/> to save, or the problems.</summary>
public sealed class GradingOutcome
{
    private GradingOutcome(GradeDecision? decision, GradeCalculation? calculation, IReadOnlyList<string> problems)
    {
        Decision = decision;
        Calculation = calculation;
        Problems = problems;
    }

    public bool Succeeded => Decision is not null;

    public GradeDecision? Decision { get; }

    /// <summary>What the scheme computed, when it could compute anything.</summary>
    public GradeCalculation? Calculation { get; }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>An overridden grade always goes to a quality assurer (never left out of the QA sample).</summary>
    public bool RequiresQualityAssurance => Decision?.IsOverride == true;

    internal static GradingOutcome Done(GradeDecision decision, GradeCalculation calculation) => new(decision, calculation, []);

    internal static GradingOutcome Refused(GradeCalculation? calculation, IReadOnlyList<string> problems) => new(null, calculation, problems);
}

/// <summary>
/// Combines the four methods into one grade (domain.md section 7), with the scheme the standard version
/// names, then applies the assessor's override and the re-sit/re-take cap.
/// </summary>
public sealed class GradingService(TimeProvider clock)
{
    /// <summary>Computes the grade the judgements give, or refuses with what is missing.</summary>
    public static GradeCalculation Calculate(StandardVersion version, Judgement judgement, AssessmentProgress progress)
    {
        var configuration = StandardDefinitionValidator.Validate(version);
        if (configuration.Count > 0)
        {
            return GradeCalculation.Refused(configuration.Select(p => $"Configuration error in {version.Code}: {p}").ToList());
        }

        return version.Scheme switch
        {
            GradingScheme.HolisticAreas => HolisticAreasGrading.Calculate(version, judgement, progress),
            GradingScheme.CriteriaPerMethod => CriteriaPerMethodGrading.Calculate(version, judgement, progress),
            _ => throw new StandardConfigurationException($"The grading scheme '{version.Scheme}' is not known."),
        };
    }

    /// <summary>
    /// A proposed grade other than the computed one needs a written justification, and stays on the same
    /// side of Fail (domain.md section 11): a Fail comes only from the judgements (an area Below, or a
    /// method whose pass criteria are not all met), and such judgements always mean Fail. Overrides between
    /// Pass, Merit and Distinction remain the assessor's holistic call.
    /// </summary>
    public static OverrideResult ApplyOverride(Grade computed, Grade? proposed, string? justification, GradingScheme scheme)
    {
        if (proposed is not { } grade || grade == computed)
        {
            return new OverrideResult(computed, false, null, null);
        }

        if (FailBoundaryProblem(computed, grade, scheme) is { } crossing)
        {
            return new OverrideResult(computed, true, crossing, null);
        }

        if (string.IsNullOrWhiteSpace(justification))
        {
            return new OverrideResult(computed, true, $"A grade other than the computed one ({computed}) needs a written justification.", null);
        }

        return new OverrideResult(grade, true, null, $"Overridden from {computed} to {grade} by the assessor: {justification.Trim()} (this override goes to quality assurance).");
    }

    private static string? FailBoundaryProblem(Grade computed, Grade proposed, GradingScheme scheme)
    {
        var holistic = scheme == GradingScheme.HolisticAreas;
        if (computed == Grade.Fail)
        {
            return holistic
                ? $"An override cannot turn a Fail into {proposed}: an area judged Below always means Fail. If the evidence shows the area at the expected level, change that area's judgement instead."
                : $"An override cannot turn a Fail into {proposed}: a method whose pass criteria are not all met always means Fail. If the evidence meets those criteria, record them as met instead.";
        }

        if (proposed == Grade.Fail)
        {
            return holistic
                ? $"An override cannot turn {computed} into a Fail: a Fail needs an area judged Below. If the evidence shows an area below the expected level, judge that area Below (with its rationale) instead."
                : $"An override cannot turn {computed} into a Fail: a Fail needs a method whose pass criteria are not all met. If a pass criterion is not met, record it as not met instead.";
        }

        return null;
    }

    /// <summary>
    /// Grades the attempt: computes the grade, applies the override and the cap, and returns the
    /// <see cref="GradeDecision"/> to save (awaiting quality assurance), or the problems.
    /// </summary>
    public GradingOutcome Decide(EpaCase epaCase, StandardVersion version, Judgement judgement, AssessmentProgress progress, GradeProposal proposal)
    {
        var problems = new List<string>();
        if (judgement.Attempt != epaCase.Attempt)
        {
            problems.Add($"The judgement is for attempt {judgement.Attempt}, but the case is on attempt {epaCase.Attempt}.");
        }

        if (epaCase.AssessorId is null || judgement.AssessorId != epaCase.AssessorId)
        {
            problems.Add("The judgement was written by an assessor who is not allocated to this case.");
        }

        var calculation = Calculate(version, judgement, progress);
        problems.AddRange(calculation.Problems);
        if (problems.Count > 0)
        {
            return GradingOutcome.Refused(calculation, problems);
        }

        var computed = calculation.Grade!.Value;
        var overridden = ApplyOverride(computed, proposal.ProposedGrade, proposal.OverrideJustification, version.Scheme);
        if (overridden.Problem is not null)
        {
            problems.Add(overridden.Problem);
        }

        var capped = ResitRules.ApplyCap(overridden.Grade, epaCase.AttemptKind, version.Settings.ResitGradeCap, epaCase.ExceptionalCircumstances, epaCase.ExceptionalCircumstancesReason);
        var recommendation = capped.Grade == Grade.Fail ? proposal.Recommendation : null;
        if (capped.Grade == Grade.Fail && recommendation is not (AttemptKind.Resit or AttemptKind.Retake))
        {
            problems.Add("A Fail needs a recommendation: a re-sit (no further training) or a re-take (further training first).");
        }

        if (problems.Count > 0)
        {
            return GradingOutcome.Refused(calculation, problems);
        }

        var reasons = calculation.Reasons.ToList();
        reasons.AddRange(new[] { overridden.Reason, capped.Reason }.OfType<string>());
        if (recommendation is { } next)
        {
            reasons.Add(next == AttemptKind.Resit
                ? "Recommended next step: a re-sit (a new attempt without further training)."
                : "Recommended next step: a re-take (further training, then a new attempt).");
        }

        var decision = new GradeDecision(epaCase.Id, epaCase.Attempt, judgement.AssessorId, computed, capped.Grade, string.Join('\n', reasons), clock.GetUtcNow())
        {
            OverrideJustification = overridden.IsOverride ? proposal.OverrideJustification!.Trim() : null,
            CappedFrom = capped.CappedFrom,
            Recommendation = recommendation,
            Feedback = string.IsNullOrWhiteSpace(proposal.Feedback) ? null : proposal.Feedback.Trim(),
            QaStatus = QaStatus.Pending,
        };
        return GradingOutcome.Done(decision, calculation);
    }
}
