using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Grading;

/// <summary>A quality assurer's moderated grade as asked for: the grade, the reason, and for a Fail the next step.</summary>
public sealed record ModerationRequest(Grade? Grade, string? Reason, AttemptKind? Recommendation);

/// <summary>
/// Moderation (issue 21, item 5): instead of approving or returning a sampled grade, a quality assurer records
/// a moderated grade with a reason. The assessor's decision is kept as it was; the moderated grade stands beside
/// it and is the one released (<see cref="Released"/>). These are the rules a moderation must meet; wiring them
/// into storage, the QA page, the release and the reports is described in ADR 0027.
/// </summary>
public static class Moderation
{
    /// <summary>The grades a quality assurer may moderate to.</summary>
    public static readonly IReadOnlyList<Grade> AllowedGrades = [Grade.Pass, Grade.Merit, Grade.Distinction, Grade.Fail];

    /// <summary>What stops the moderation, in words the quality assurer can act on (empty: it may be recorded).</summary>
    /// <param name="status">The QA status of the grade being moderated.</param>
    /// <param name="assessorGrade">The assessor's final grade (after any override and cap).</param>
    /// <param name="kind">The attempt's kind (a re-sit or re-take may be capped).</param>
    /// <param name="cap">The standard version's cap on re-sits and re-takes, if any.</param>
    /// <param name="exceptionalCircumstances">An admin recorded exceptional circumstances (the cap does not apply).</param>
    /// <param name="request">What the quality assurer asked for.</param>
    public static IReadOnlyList<string> Problems(QaStatus status, Grade assessorGrade, AttemptKind kind, Grade? cap, bool exceptionalCircumstances, ModerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (status != QaStatus.Pending)
        {
            problems.Add("Only a grade awaiting quality assurance can be moderated.");
        }

        if (request.Grade is not { } grade || !AllowedGrades.Contains(grade))
        {
            problems.Add("Choose the moderated grade: Pass, Merit, Distinction or Fail.");
        }
        else
        {
            if (grade == assessorGrade)
            {
                problems.Add($"The assessor's grade is already {assessorGrade}: approve it instead, or choose another grade.");
            }

            if (ResitRules.ApplyCap(grade, kind, cap, exceptionalCircumstances).CappedFrom is not null)
            {
                problems.Add($"This {DisplayNames.Of(kind)} is capped at {cap}: the moderated grade cannot be higher.");
            }

            if (grade == Grade.Fail && request.Recommendation is not (AttemptKind.Resit or AttemptKind.Retake))
            {
                problems.Add("A moderated Fail needs the recommended next step: a re-sit or a re-take.");
            }
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            problems.Add("Give the reason for the moderated grade: the assessor reads it.");
        }
        else if (request.Reason.Trim().Length > FieldLengths.Reason)
        {
            problems.Add($"Keep the reason to {FieldLengths.Reason} characters.");
        }

        return problems;
    }

    /// <summary>The grade released to the apprentice: the moderated grade when there is one, else the assessor's.</summary>
    public static Grade Released(Grade assessorGrade, Grade? moderatedGrade) => moderatedGrade ?? assessorGrade;
}
