using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Standards;

public enum CriterionLevel
{
    Pass,
    Distinction,
}

/// <summary>A pass or distinction criterion of one method (CriteriaPerMethod scheme).</summary>
public class GradingCriterion
{
    private GradingCriterion()
    {
        Code = Text = string.Empty;
    }

    internal GradingCriterion(AssessmentMethod method, string code, string text, CriterionLevel level)
    {
        Method = method;
        Code = code;
        Text = text;
        Level = level;
    }

    public int Id { get; private set; }

    public int StandardVersionId { get; private set; }

    public AssessmentMethod Method { get; private set; }

    public string Code { get; private set; }

    public string Text { get; private set; }

    public CriterionLevel Level { get; private set; }
}

/// <summary>
/// One row of a CriteriaPerMethod lookup table: the method grades in method order joined by '+'
/// (e.g. "Pass+Distinction") and the overall grade they give.
/// </summary>
public class GradeLookupEntry
{
    private GradeLookupEntry()
    {
        Combination = string.Empty;
    }

    internal GradeLookupEntry(string combination, Grade grade)
    {
        Combination = combination;
        Grade = grade;
    }

    public int Id { get; private set; }

    public int StandardVersionId { get; private set; }

    public string Combination { get; private set; }

    public Grade Grade { get; private set; }
}
