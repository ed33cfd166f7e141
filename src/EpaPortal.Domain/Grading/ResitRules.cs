using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Grading;

/// <summary>The result of applying a re-sit/re-take grade cap.</summary>
/// <param name="Grade">The grade after the cap.</param>
/// <param name="CappedFrom">The grade before, when the cap lowered it.</param>
/// <param name="Reason">Why the cap did or did not apply; null when no cap is in play.</param>
public sealed record CapResult(Grade Grade, Grade? CappedFrom, string? Reason);

/// <summary>Re-sits and re-takes (domain.md section 7): only after a Fail, and capped at the version's cap.</summary>
public static class ResitRules
{
    /// <summary>Null when a new attempt may follow this grade; otherwise why not.</summary>
    public static string? NextAttemptRefusal(Grade finalGrade) =>
        finalGrade == Grade.Fail
            ? null
            : $"A {finalGrade} cannot be re-sat or re-taken to improve it: only a Fail leads to a new attempt.";

    /// <summary>
    /// Caps the grade of a re-sit or re-take at <paramref name="cap"/> unless an admin recorded exceptional
    /// circumstances. A first attempt, or a version without a cap, is never capped.
    /// </summary>
    public static CapResult ApplyCap(Grade grade, AttemptKind kind, Grade? cap, bool exceptionalCircumstances, string? exceptionalCircumstancesReason = null)
    {
        if (kind == AttemptKind.First || cap is not { } limit || grade <= limit)
        {
            return new CapResult(grade, null, null);
        }

        if (exceptionalCircumstances)
        {
            var because = string.IsNullOrWhiteSpace(exceptionalCircumstancesReason) ? string.Empty : $" ({exceptionalCircumstancesReason.Trim()})";
            return new CapResult(grade, null, $"Not capped at {limit} although this is a {DisplayNames.Of(kind)}: an admin recorded exceptional circumstances{because}.");
        }

        return new CapResult(limit, grade, $"Capped at {limit} because this is a {DisplayNames.Of(kind)}: re-sits and re-takes of this standard version are capped at {limit} (the judgements gave {grade}).");
    }
}
