using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Identifiers;

namespace EpaPortal.Domain.Standards;

/// <summary>
/// Checks a standard version when it is loaded or saved, so that a mistake in its definition is a
/// clear configuration error instead of a wrong grade later.
/// </summary>
public static class StandardDefinitionValidator
{
    /// <summary>Every problem with the version's definition; empty when it is sound.</summary>
    public static IReadOnlyList<string> Validate(StandardVersion version)
    {
        var problems = new List<string>();
        if (version.Standard is { } standard && StandardReference.Validate(standard.Reference) is { } referenceProblem)
        {
            problems.Add(referenceProblem);
        }

        if (string.IsNullOrWhiteSpace(version.Version))
        {
            problems.Add("The version needs a number, for example 1.0.");
        }

        problems.AddRange(MethodProblems(version));
        problems.AddRange(AreaAndCompetencyProblems(version));
        problems.AddRange(version.Scheme switch
        {
            GradingScheme.HolisticAreas => HolisticAreasProblems(version),
            GradingScheme.CriteriaPerMethod => CriteriaPerMethodProblems(version),
            _ => [$"The grading scheme '{version.Scheme}' is not known."],
        });
        problems.AddRange(SettingsProblems(version.Settings));
        return problems;
    }

    /// <summary>Throws a <see cref="StandardConfigurationException"/> listing every problem.</summary>
    public static void EnsureValid(StandardVersion version)
    {
        var problems = Validate(version);
        if (problems.Count > 0)
        {
            throw new StandardConfigurationException(version.Code, problems);
        }
    }

    private static IEnumerable<string> MethodProblems(StandardVersion version)
    {
        if (version.Methods.Count == 0)
        {
            yield return "The version has no assessment methods.";
        }

        foreach (var method in version.Methods.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"The {DisplayNames.Of(method)} is listed twice among the methods.";
        }
    }

    private static IEnumerable<string> AreaAndCompetencyProblems(StandardVersion version)
    {
        if (version.Areas.Any(a => string.IsNullOrWhiteSpace(a.Code)))
        {
            yield return "Every grading area needs a code.";
        }

        foreach (var code in version.Areas.GroupBy(a => a.Code).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"The grading area code '{code}' is used twice.";
        }

        foreach (var code in version.Competencies.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"The competency code {code} is used twice.";
        }

        var areaCodes = version.Areas.Select(a => a.Code).ToHashSet();
        foreach (var competency in version.Competencies.Where(c => !areaCodes.Contains(c.AreaCode)))
        {
            yield return $"Competency {competency.Code} belongs to the grading area '{competency.AreaCode}', which this version does not have.";
        }
    }

    private static IEnumerable<string> HolisticAreasProblems(StandardVersion version)
    {
        var required = HolisticAreasGrading.AreaCodes;
        if (version.Areas.Count == 0)
        {
            yield return "The HolisticAreas scheme needs the grading areas What, How and WithWhom.";
        }
        else
        {
            var missing = required.Where(code => version.Areas.All(a => a.Code != code)).ToList();
            if (missing.Count > 0)
            {
                yield return $"The HolisticAreas scheme needs the grading area {DisplayNames.List(missing)}.";
            }

            foreach (var extra in version.Areas.Where(a => !required.Contains(a.Code)))
            {
                yield return $"The HolisticAreas scheme uses only the areas What, How and WithWhom; '{extra.Code}' is not one of them.";
            }
        }

        foreach (var area in version.Areas.Where(a => version.Competencies.All(c => c.AreaCode != a.Code)))
        {
            yield return $"The grading area '{area.Name}' has no competencies.";
        }

        var missingMethods = Enum.GetValues<AssessmentMethod>().Where(m => !version.Methods.Contains(m)).Select(DisplayNames.Of).ToList();
        if (missingMethods.Count > 0)
        {
            yield return $"The HolisticAreas scheme combines all four methods; this version lacks the {DisplayNames.List(missingMethods)}.";
        }
    }

    private static IEnumerable<string> CriteriaPerMethodProblems(StandardVersion version)
    {
        foreach (var criterion in version.Criteria.Where(c => !version.Methods.Contains(c.Method)))
        {
            yield return $"Criterion {criterion.Code} belongs to the {DisplayNames.Of(criterion.Method)}, which this version does not use.";
        }

        foreach (var method in version.Methods.Distinct())
        {
            var criteria = version.Criteria.Where(c => c.Method == method).ToList();
            if (!criteria.Any(c => c.Level == CriterionLevel.Pass))
            {
                yield return $"The {DisplayNames.Of(method)} has no pass criteria.";
            }

            foreach (var code in criteria.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                yield return $"Criterion code {code} is used twice for the {DisplayNames.Of(method)}.";
            }
        }

        foreach (var problem in LookupTableProblems(version))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> LookupTableProblems(StandardVersion version)
    {
        var methodCount = version.Methods.Count;
        if (methodCount == 0)
        {
            yield break;
        }

        var methodOrder = string.Join("+", version.Methods.Select(DisplayNames.Of));
        foreach (var row in version.GradeLookup)
        {
            if (!GradeLookupTable.TryParse(row.Combination, methodCount, out var grades))
            {
                yield return $"The grade table row '{row.Combination}' is not {methodCount} method grades (Fail, Pass or Distinction) joined by '+' in the order {methodOrder}.";
            }
            else if (grades.Contains(Grade.Fail) && row.Grade != Grade.Fail)
            {
                yield return $"The grade table gives {row.Grade} for {row.Combination}, but a failed method always fails the assessment.";
            }
        }

        foreach (var combination in version.GradeLookup.GroupBy(r => r.Combination).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"The grade table has more than one row for {combination}.";
        }

        var missing = GradeLookupTable.AllCombinations(methodCount).Where(key => version.GradeLookup.All(r => r.Combination != key)).ToList();
        if (missing.Count > 0)
        {
            yield return $"The grade table ({methodOrder}) has no row for {DisplayNames.List(missing)}.";
        }
    }

    private static IEnumerable<string> SettingsProblems(StandardSettings settings)
    {
        if (settings.MaxInterviewMinutes is < 1 or > StandardSettings.MaxInterviewMinutesAllowed)
        {
            yield return $"The longest interview allowed must be between 1 and {StandardSettings.MaxInterviewMinutesAllowed} minutes.";
        }

        if (settings.InterviewMinutes < 1 || settings.InterviewMinutes > Math.Min(settings.MaxInterviewMinutes, StandardSettings.MaxInterviewMinutesAllowed))
        {
            yield return $"The interview length must be between 1 and {Math.Min(settings.MaxInterviewMinutes, StandardSettings.MaxInterviewMinutesAllowed)} minutes.";
        }

        if (settings.MinInterviewMinutes < 1 || (settings.InterviewMinutes >= 1 && settings.MinInterviewMinutes > settings.InterviewMinutes))
        {
            yield return $"The shortest interview must be between 1 minute and the interview length ({settings.InterviewMinutes} minutes).";
        }

        if (settings.ProjectWindowWorkingDays < 1)
        {
            yield return "The project window must last at least 1 working day.";
        }
        else if (settings.ProjectWindowWorkingDays > 60)
        {
            yield return "The project window can last at most 60 working days.";
        }

        if (settings.ProjectNoticeWorkingDays is < 0 or > 60 || settings.InterviewNoticeWorkingDays is < 0 or > 60)
        {
            yield return "The notice before the project and before the interview must be between 0 and 60 working days.";
        }

        if (settings.EpaPeriodMonths is < 1 or > 24)
        {
            yield return "The EPA period from gateway approval to result must be between 1 and 24 months.";
        }

        if (settings.PortfolioMinItems < 0)
        {
            yield return "The minimum number of portfolio items cannot be negative.";
        }

        if (settings.PortfolioMaxItems < 1)
        {
            yield return "The maximum number of portfolio items must be at least 1.";
        }

        if (settings.PortfolioMinItems is { } min && settings.PortfolioMaxItems is { } max && min > max)
        {
            yield return "The minimum number of portfolio items is more than the maximum.";
        }

        if (settings.AppealWindowWorkingDays < 1)
        {
            yield return "The appeal window must last at least 1 working day.";
        }

        if (settings.MinimumMonthsOnProgramme < 0)
        {
            yield return "The minimum time on programme cannot be negative.";
        }

        if (settings.ResitGradeCap == Grade.Fail)
        {
            yield return "A re-sit grade cap of Fail would fail every re-sit: choose Pass, Merit or Distinction, or no cap.";
        }

        if (string.IsNullOrWhiteSpace(settings.AssessmentLabel) || string.IsNullOrWhiteSpace(settings.GatewayLabel))
        {
            yield return "The display labels for the assessment and the gateway cannot be empty.";
        }
    }
}
