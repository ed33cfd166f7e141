using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Grading;

/// <summary>
/// The HolisticAreas scheme (ST0128 v1.0): What, How and With Whom, each judged Below, Expected or Above.
/// Any area Below → Fail; all three Above → Distinction; What Above and (How or With Whom Above) → Merit;
/// otherwise → Pass.
/// </summary>
public static class HolisticAreasGrading
{
    public const string What = "What";
    public const string How = "How";
    public const string WithWhom = "WithWhom";

    public static IReadOnlyList<string> AreaCodes { get; } = [What, How, WithWhom];

    /// <summary>The grading rule itself.</summary>
    public static Grade Combine(AreaLevel what, AreaLevel how, AreaLevel withWhom) =>
        (what, how, withWhom) switch
        {
            _ when what == AreaLevel.Below || how == AreaLevel.Below || withWhom == AreaLevel.Below => Grade.Fail,
            (AreaLevel.Above, AreaLevel.Above, AreaLevel.Above) => Grade.Distinction,
            (AreaLevel.Above, AreaLevel.Above, _) or (AreaLevel.Above, _, AreaLevel.Above) => Grade.Merit,
            _ => Grade.Pass,
        };

    /// <summary>Call through <see cref="GradingService.Calculate"/>, which checks the version first.</summary>
    internal static GradeCalculation Calculate(StandardVersion version, Judgement judgement, AssessmentProgress progress)
    {
        var problems = new List<string>();
        problems.AddRange(version.Methods.Where(m => !progress.MethodsAssessed.Contains(m)).Select(m => $"The {DisplayNames.Of(m)} has not been assessed."));
        if (!progress.InterviewCompleted)
        {
            problems.Add("The interview has not been completed.");
        }

        var evidenced = judgement.CompetencyEvidence
            .Where(e => e.EvidenceRefs.Any(r => EvidenceReference.TryParse(r, out _)))
            .Select(e => e.CompetencyId)
            .ToHashSet();
        var areas = version.Areas.OrderBy(a => a.Order).ToList();
        var levels = new Dictionary<string, AreaLevel>();
        foreach (var area in areas)
        {
            var judged = judgement.Areas.FirstOrDefault(a => a.AreaCode == area.Code);
            if (judged?.Level is not { } level)
            {
                problems.Add($"{area.Name}: no level has been judged.");
                continue;
            }

            levels[area.Code] = level;
            if (string.IsNullOrWhiteSpace(judged.Rationale))
            {
                problems.Add($"{area.Name}: a written rationale is needed.");
            }

            if (level != AreaLevel.Below)
            {
                var unevidenced = version.Competencies.Where(c => c.AreaCode == area.Code && !evidenced.Contains(c.Id)).OrderBy(c => c.Order).Select(c => $"{c.Code} {c.Label}").ToList();
                if (unevidenced.Count > 0)
                {
                    problems.Add($"{area.Name} is judged {level}, so every competency in it needs evidence: none is cited for {DisplayNames.List(unevidenced)}.");
                }
            }
        }

        problems.AddRange(judgement.Areas.Where(a => areas.All(x => x.Code != a.AreaCode)).Select(a => $"The judgement names a grading area '{a.AreaCode}' that this standard version does not have."));
        if (problems.Count > 0)
        {
            return GradeCalculation.Refused(problems);
        }

        var name = areas.ToDictionary(a => a.Code, a => a.Name);
        var grade = Combine(levels[What], levels[How], levels[WithWhom]);
        var reasons = new List<string> { Explain(grade, levels, name) };
        reasons.AddRange(areas.Select(a => $"{a.Name}: {levels[a.Code]} — {judgement.Areas.First(j => j.AreaCode == a.Code).Rationale!.Trim()}"));
        return GradeCalculation.Computed(grade, reasons);
    }

    /// <summary>The rule that decided the grade, in the words of the assessment plan.</summary>
    private static string Explain(Grade grade, Dictionary<string, AreaLevel> levels, Dictionary<string, string> name)
    {
        string Is(string code, AreaLevel level) => $"{name[code]} is {level}";
        var below = AreaCodes.Where(c => levels[c] == AreaLevel.Below).Select(c => name[c]).ToList();
        return grade switch
        {
            Grade.Fail => $"Fail because {DisplayNames.List(below)} {(below.Count == 1 ? "is" : "are")} Below the expected level.",
            Grade.Distinction => $"Distinction because {name[What]}, {name[How]} and {name[WithWhom]} are all Above.",
            Grade.Merit => $"Merit because {Is(What, AreaLevel.Above)} and {(levels[How] == AreaLevel.Above ? Is(How, AreaLevel.Above) : Is(WithWhom, AreaLevel.Above))}.",
            _ when levels[What] == AreaLevel.Above => $"Pass because {Is(What, AreaLevel.Above)} but neither {name[How]} nor {name[WithWhom]} is Above (Merit needs one of them Above too).",
            _ => $"Pass because no area is Below and {Is(What, levels[What])} (Merit and Distinction need {name[What]} to be Above).",
        };
    }
}
