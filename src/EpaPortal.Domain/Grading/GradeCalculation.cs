using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Grading;

/// <summary>
/// What a grading scheme made of the judgements: a grade that explains itself (one reason per rule and
/// area, e.g. "Merit because What is Above and How is Above", "What: Above — ..."), or a refusal naming
/// what is missing.
/// </summary>
public sealed class GradeCalculation
{
    private GradeCalculation(Grade? grade, IReadOnlyList<string> reasons, IReadOnlyList<string> problems)
    {
        Grade = grade;
        Reasons = reasons;
        Problems = problems;
    }

    public bool Succeeded => Grade is not null;

    public Grade? Grade { get; }

    /// <summary>The rule that decided the grade first, then one line per area or method.</summary>
    public IReadOnlyList<string> Reasons { get; }

    public IReadOnlyList<string> Problems { get; }

    public static GradeCalculation Computed(Grade grade, IReadOnlyList<string> reasons) => new(grade, reasons, []);

    public static GradeCalculation Refused(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? throw new ArgumentException("A refusal names at least one problem.", nameof(problems)) : new(null, [], problems);

    public override string ToString() => Succeeded ? $"{Grade}: {string.Join(" ", Reasons)}" : $"Refused: {string.Join(" ", Problems)}";
}
