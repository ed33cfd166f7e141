using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Assessment;

/// <summary>
/// Why a released grade is what it is, as the apprentice and employer read it.
/// <c>Summary</c>: the assessment plan's reason for the final grade in plain words.
/// <c>Details</c>: the level judged in each grading area (with the assessor's rationale, part of the final
/// judgements they may read once released), or the grade of each method.
/// </summary>
public sealed record ReleasedResultReason(string Summary, IReadOnlyList<JudgedPart> Details);

/// <summary>"What: significantly above the expected level", and the assessor's rationale for it when there is one.</summary>
public sealed record JudgedPart(string Text, string? Rationale);

/// <summary>
/// Explains a released grade to the apprentice and employer in the assessment plan's words: what the final
/// judgements were and which rule of the plan they meet. It never repeats the grading service's working
/// (<see cref="GradeDecision.Reasons"/>), which is for staff: that names the computed grade, the override
/// and its justification, and what goes to quality assurance.
/// </summary>
public static class ReleasedResultExplainer
{
    /// <summary>A HolisticAreas level in plain words.</summary>
    public static string Describe(AreaLevel level) => level switch
    {
        AreaLevel.Below => "below the expected level",
        AreaLevel.Expected => "at the expected level",
        AreaLevel.Above => "significantly above the expected level",
        _ => level.ToString(),
    };

    /// <param name="version">The standard version the attempt was assessed against.</param>
    /// <param name="decision">The released decision.</param>
    /// <param name="judgement">The final judgement the decision was made from (null when it is not kept).</param>
    public static ReleasedResultReason Explain(StandardVersion version, GradeDecision decision, Judgement? judgement)
    {
        var grade = decision.ReleasedGrade;
        var details = judgement is null ? [] : Details(version, judgement);
        if (decision.IsModerated)
        {
            // Quality assurance moderated the assessor's grade (ADR 27): its reason is for the assessor, not repeated here.
            return new($"{grade}: quality assurance reviewed the assessor's judgement of the evidence from all four assessment methods and moderated the grade to {grade}.", details);
        }

        if (decision.CappedFrom is { } cappedFrom)
        {
            return new($"{grade}: the assessment plan caps the grade of a re-sit or re-take at {grade}. The assessment itself reached {cappedFrom}.", details);
        }

        if (decision.FinalGrade != decision.ComputedGrade)
        {
            // A holistic judgement of the assessor, confirmed by quality assurance before release.
            return new($"{grade}: the assessor judged the evidence from all four assessment methods, taken together, to be at {grade} level.", details);
        }

        if (judgement is null)
        {
            return new($"{grade}.", details);
        }

        return version.Scheme == GradingScheme.HolisticAreas
            ? new(HolisticSummary(version, judgement, grade), details)
            : new(CriteriaSummary(version, judgement, grade), details);
    }

    private static string HolisticSummary(StandardVersion version, Judgement judgement, Grade grade)
    {
        var names = version.Areas.ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        string Name(string code) => names.GetValueOrDefault(code, code);
        AreaLevel? Level(string code) => judgement.Areas.FirstOrDefault(a => a.AreaCode == code)?.Level;
        var below = version.Areas.OrderBy(a => a.Order).Where(a => Level(a.Code) == AreaLevel.Below).Select(a => a.Name).ToList();
        var what = Name(HolisticAreasGrading.What);
        var how = Name(HolisticAreasGrading.How);
        var withWhom = Name(HolisticAreasGrading.WithWhom);
        return grade switch
        {
            Grade.Fail when below.Count > 0 =>
                $"Fail: {DisplayNames.List(below)} {(below.Count == 1 ? "was" : "were")} judged below the expected level. A pass needs every area at the expected level or above.",
            Grade.Distinction =>
                $"Distinction: {what}, {how} and {withWhom} were all judged significantly above the expected level.",
            Grade.Merit =>
                $"Merit: {what} was judged significantly above the expected level, and {(Level(HolisticAreasGrading.How) == AreaLevel.Above ? how : withWhom)} too.",
            Grade.Pass when Level(HolisticAreasGrading.What) == AreaLevel.Above =>
                $"Pass: every area was judged at the expected level or above. {what} was significantly above it, but a Merit needs {how} or {withWhom} significantly above it too.",
            Grade.Pass =>
                $"Pass: every area was judged at the expected level or above. A Merit needs {what} and one more area significantly above the expected level.",
            _ => $"{grade}.",
        };
    }

    private static string CriteriaSummary(StandardVersion version, Judgement judgement, Grade grade)
    {
        var methods = MethodGrades(version, judgement);
        if (methods.Count != version.Methods.Count)
        {
            return $"{grade}.";
        }

        var listed = DisplayNames.List(methods.Select(m => $"{DisplayNames.Of(m.Method)} {m.Grade}").ToList());
        return grade == Grade.Fail
            ? $"Fail: not every pass criterion of each method was met ({listed})."
            : $"{grade}: the assessment plan gives {grade} for these method grades: {listed}.";
    }

    private static List<JudgedPart> Details(StandardVersion version, Judgement judgement)
    {
        if (version.Scheme == GradingScheme.HolisticAreas)
        {
            return version.Areas.OrderBy(a => a.Order)
                .Select(a => (a.Name, Judged: judgement.Areas.FirstOrDefault(j => j.AreaCode == a.Code)))
                .Where(a => a.Judged?.Level is not null)
                .Select(a => new JudgedPart($"{a.Name}: {Describe(a.Judged!.Level!.Value)}", string.IsNullOrWhiteSpace(a.Judged.Rationale) ? null : a.Judged.Rationale.Trim()))
                .ToList();
        }

        return MethodGrades(version, judgement).Select(m => new JudgedPart($"{Capitalise(DisplayNames.Of(m.Method))}: {m.Grade}", null)).ToList();
    }

    private static List<(AssessmentMethod Method, Grade Grade)> MethodGrades(StandardVersion version, Judgement judgement)
    {
        var met = judgement.CriterionResults.ToDictionary(r => r.CriterionId, r => r.Met);
        var grades = new List<(AssessmentMethod, Grade)>();
        foreach (var method in version.Methods)
        {
            var criteria = version.Criteria.Where(c => c.Method == method).ToList();
            if (criteria.Any(c => !met.ContainsKey(c.Id)))
            {
                continue;
            }

            grades.Add((method, CriteriaPerMethodGrading.MethodGrade(criteria.Select(c => (c.Level, met[c.Id])).ToList())));
        }

        return grades;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
