using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Grading;

/// <summary>
/// The CriteriaPerMethod scheme (later plans): each method is Distinction when all its pass and
/// distinction criteria are met, Pass when all its pass criteria are met, else Fail; the version's
/// lookup table turns the method grades into the overall grade.
/// </summary>
public static class CriteriaPerMethodGrading
{
    /// <summary>A method with no distinction criteria can be graded Pass at best.</summary>
    public static Grade MethodGrade(IReadOnlyCollection<(CriterionLevel Level, bool Met)> criteria) =>
        criteria.Any(c => c.Level == CriterionLevel.Pass && !c.Met) ? Grade.Fail
        : criteria.Any(c => c.Level == CriterionLevel.Distinction) && criteria.All(c => c.Met) ? Grade.Distinction
        : Grade.Pass;

    /// <summary>Call through <see cref="GradingService.Calculate"/>, which checks the version first.</summary>
    internal static GradeCalculation Calculate(StandardVersion version, Judgement judgement, AssessmentProgress progress)
    {
        var problems = new List<string>();
        problems.AddRange(version.Methods.Where(m => !progress.MethodsAssessed.Contains(m)).Select(m => $"The {DisplayNames.Of(m)} has not been assessed."));
        if (version.Methods.Contains(AssessmentMethod.Interview) && !progress.InterviewCompleted)
        {
            problems.Add("The interview has not been completed.");
        }

        var results = judgement.CriterionResults.ToDictionary(r => r.CriterionId, r => r.Met);
        var methodGrades = new List<Grade>();
        var methodReasons = new List<string>();
        foreach (var method in version.Methods)
        {
            var criteria = version.Criteria.Where(c => c.Method == method).OrderBy(c => c.Level).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
            var unjudged = criteria.Where(c => !results.ContainsKey(c.Id)).Select(c => c.Code).ToList();
            if (unjudged.Count > 0)
            {
                var criteriaHave = unjudged.Count == 1 ? $"criterion {unjudged[0]} has" : $"criteria {DisplayNames.List(unjudged)} have";
                problems.Add($"{Capitalised(method)}: {criteriaHave} not been judged met or not met.");
                continue;
            }

            var grade = MethodGrade(criteria.Select(c => (c.Level, results[c.Id])).ToList());
            methodGrades.Add(grade);
            methodReasons.Add(MethodReason(method, grade, criteria, results));
        }

        if (problems.Count > 0)
        {
            return GradeCalculation.Refused(problems);
        }

        var key = GradeLookupTable.Key(methodGrades);
        var row = version.GradeLookup.FirstOrDefault(r => r.Combination == key);
        if (row is null)
        {
            return GradeCalculation.Refused([$"Configuration error: the grade table of {version.Code} has no row for {key}."]);
        }

        var order = string.Join(" + ", version.Methods.Select(Capitalised));
        var reasons = new List<string> { $"{row.Grade} because the grade table gives {row.Grade} for {key} ({order})." };
        reasons.AddRange(methodReasons);
        return GradeCalculation.Computed(row.Grade, reasons);
    }

    private static string MethodReason(AssessmentMethod method, Grade grade, List<GradingCriterion> criteria, Dictionary<int, bool> met)
    {
        var pass = criteria.Where(c => c.Level == CriterionLevel.Pass).ToList();
        var distinction = criteria.Where(c => c.Level == CriterionLevel.Distinction).ToList();
        var unmetPass = pass.Where(c => !met[c.Id]).Select(c => c.Code).ToList();
        var unmetDistinction = distinction.Where(c => !met[c.Id]).Select(c => c.Code).ToList();
        return grade switch
        {
            Grade.Fail => $"{Capitalised(method)}: Fail — pass criteria not met: {DisplayNames.List(unmetPass)}.",
            Grade.Distinction => $"{Capitalised(method)}: Distinction — all {pass.Count} pass and {distinction.Count} distinction criteria met.",
            _ when distinction.Count == 0 => $"{Capitalised(method)}: Pass — all {pass.Count} pass criteria met (this method has no distinction criteria).",
            _ => $"{Capitalised(method)}: Pass — all {pass.Count} pass criteria met; distinction criteria not met: {DisplayNames.List(unmetDistinction)}.",
        };
    }

    private static string Capitalised(AssessmentMethod method)
    {
        var name = DisplayNames.Of(method);
        return string.Concat(char.ToUpperInvariant(name[0]).ToString(), name[1..]);
    }
}
