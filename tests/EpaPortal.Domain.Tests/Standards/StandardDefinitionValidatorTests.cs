using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;
using EpaPortal.Domain.Tests.TestData;
using static EpaPortal.Domain.Common.AssessmentMethod;

namespace EpaPortal.Domain.Tests.Standards;

/// <summary>Load-time validation of a standard version: a broken definition is a clear configuration error.</summary>
[Trait("Category", "Unit")]
public class StandardDefinitionValidatorTests
{
    [Fact]
    public void St0128Version1_AsSeeded_IsValid()
    {
        Assert.Empty(StandardDefinitionValidator.Validate(StandardVersions.St0128V1()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CriteriaPerMethodVersion_WithTheDefaultTable_IsValid(int methodCount)
    {
        var version = StandardVersions.CriteriaPerMethod([.. Enum.GetValues<AssessmentMethod>().Take(methodCount)]);

        Assert.Empty(StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void HolisticAreas_WithNoAreas_IsRefused()
    {
        var version = Holistic();

        Assert.Equal(["The HolisticAreas scheme needs the grading areas What, How and WithWhom."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void HolisticAreas_MissingAnArea_NamesIt()
    {
        var version = Holistic();
        version.AddArea("What", "What", "");
        version.AddArea("WithWhom", "With Whom", "");
        version.AddCompetency("C1", CompetencyKind.Technical, "Logic", "", "What");
        version.AddCompetency("C11", CompetencyKind.Technical, "Communication", "", "WithWhom");

        Assert.Equal(["The HolisticAreas scheme needs the grading area How."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void HolisticAreas_WithAnExtraArea_NamesIt()
    {
        var version = StandardVersions.St0128V1();
        version.AddArea("Why", "Why", "");
        version.AddCompetency("C99", CompetencyKind.Technical, "Purpose", "", "Why");

        Assert.Equal(["The HolisticAreas scheme uses only the areas What, How and WithWhom; 'Why' is not one of them."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void HolisticAreas_WithAnAreaWithoutCompetencies_IsRefused()
    {
        var version = Holistic();
        version.AddArea("What", "What", "");
        version.AddArea("How", "How", "");
        version.AddArea("WithWhom", "With Whom", "");
        version.AddCompetency("C1", CompetencyKind.Technical, "Logic", "", "What");
        version.AddCompetency("C3", CompetencyKind.Technical, "Development support", "", "How");

        Assert.Equal(["The grading area 'With Whom' has no competencies."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void HolisticAreas_WithoutAllFourMethods_NamesTheMissingOne()
    {
        var version = StandardVersions.St0128V1();
        version.Methods.Remove(EmployerReference);

        Assert.Equal(["The HolisticAreas scheme combines all four methods; this version lacks the employer reference."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void Version_WithNoMethods_IsRefused()
    {
        var version = StandardVersions.CriteriaPerMethod();

        Assert.Equal(["The version has no assessment methods."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void Version_WithAMethodListedTwice_IsRefused()
    {
        var version = StandardVersions.St0128V1();
        version.Methods.Add(Interview);

        Assert.Equal(["The interview is listed twice among the methods."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void Version_WithAnAreaCodeUsedTwice_IsRefused()
    {
        var version = StandardVersions.St0128V1();
        version.AddArea("How", "How again", "");

        Assert.Contains("The grading area code 'How' is used twice.", StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void Version_WithACompetencyInAnAreaItDoesNotHave_IsRefused()
    {
        var version = StandardVersions.St0128V1();
        typeof(Competency).GetProperty(nameof(Competency.AreaCode))!.SetValue(version.Competencies[0], "Wot");

        Assert.Equal(["Competency C1 belongs to the grading area 'Wot', which this version does not have."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void Version_WithACompetencyCodeUsedTwice_IsRefused()
    {
        var version = StandardVersions.St0128V1();
        typeof(Competency).GetProperty(nameof(Competency.Code))!.SetValue(version.Competencies[1], "C1");

        Assert.Equal(["The competency code C1 is used twice."], StandardDefinitionValidator.Validate(version));
    }

    [Theory]
    [InlineData("st0128", "A standard reference is ST followed by 4 digits, for example ST0128 (capital S and T).")]
    [InlineData("", "Enter the standard reference, for example ST0128.")]
    public void Version_OfAStandardWithABadReference_IsRefused(string reference, string expected)
    {
        var version = new Standard(reference, "Software Development Technician", 3).AddVersion("1.0", GradingScheme.CriteriaPerMethod, new StandardSettings());
        version.Methods.Add(Project);
        version.AddCriterion(Project, "P1", "Pass", CriterionLevel.Pass);
        foreach (var (combination, grade) in GradeLookupTable.Default(1))
        {
            version.AddGradeLookup(combination, grade);
        }

        Assert.Equal([expected], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void Version_WithoutANumber_IsRefused()
    {
        var version = new Standard("ST0128", "Software Development Technician", 3).AddVersion(" ", GradingScheme.CriteriaPerMethod, new StandardSettings());
        version.Methods.Add(Project);
        version.AddCriterion(Project, "P1", "Pass", CriterionLevel.Pass);
        foreach (var (combination, grade) in GradeLookupTable.Default(1))
        {
            version.AddGradeLookup(combination, grade);
        }

        Assert.Equal(["The version needs a number, for example 1.0."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void LookupTable_MissingARow_IsRefusedNamingTheCombination()
    {
        var version = CriteriaTable(("Distinction+Distinction", null));

        Assert.Equal(["The grade table (synoptic project+interview) has no row for Distinction+Distinction."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void LookupTable_MissingSeveralRows_NamesThemAll()
    {
        var version = CriteriaTable(("Pass+Pass", null), ("Fail+Fail", null));

        Assert.Equal(["The grade table (synoptic project+interview) has no row for Fail+Fail and Pass+Pass."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void LookupTable_WithADuplicateRow_IsRefused()
    {
        var version = CriteriaTable();
        version.AddGradeLookup("Pass+Pass", Grade.Merit);

        Assert.Equal(["The grade table has more than one row for Pass+Pass."], StandardDefinitionValidator.Validate(version));
    }

    [Theory]
    [InlineData("Pass+Merit")]
    [InlineData("Pass")]
    [InlineData("pass+pass")]
    [InlineData("Pass+Pass+Pass")]
    public void LookupTable_WithAMalformedRow_IsRefused(string combination)
    {
        var version = CriteriaTable();
        version.AddGradeLookup(combination, Grade.Pass);

        Assert.Equal([$"The grade table row '{combination}' is not 2 method grades (Fail, Pass or Distinction) joined by '+' in the order synoptic project+interview."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void LookupTable_PassingAFailedMethod_IsRefused()
    {
        var version = CriteriaTable(("Fail+Distinction", Grade.Pass));

        Assert.Equal(["The grade table gives Pass for Fail+Distinction, but a failed method always fails the assessment."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void CriteriaPerMethod_AMethodWithoutPassCriteria_IsRefused()
    {
        var version = StandardVersions.CriteriaPerMethod(Project);
        version.Methods.Add(Interview);
        version.AddCriterion(Interview, "D1", "Distinction only", CriterionLevel.Distinction);
        foreach (var (combination, grade) in GradeLookupTable.Default(2))
        {
            version.AddGradeLookup(combination, grade);
        }

        Assert.Contains("The interview has no pass criteria.", StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void CriteriaPerMethod_ACriterionOfAMethodNotUsed_IsRefused()
    {
        var version = CriteriaTable();
        version.AddCriterion(Portfolio, "X1", "Stray", CriterionLevel.Pass);

        Assert.Equal(["Criterion X1 belongs to the portfolio, which this version does not use."], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void CriteriaPerMethod_ACriterionCodeUsedTwiceForAMethod_IsRefused()
    {
        var version = CriteriaTable();
        version.AddCriterion(Interview, "P1", "Again", CriterionLevel.Pass);

        Assert.Equal(["Criterion code P1 is used twice for the interview."], StandardDefinitionValidator.Validate(version));
    }

    [Theory]
    [InlineData("interview 0", "The interview length must be between 1 and 120 minutes.")]
    [InlineData("interview 130", "The interview length must be between 1 and 120 minutes.")]
    [InlineData("interview 100 over max 90", "The interview length must be between 1 and 90 minutes.")]
    [InlineData("max interview 150", "The longest interview allowed must be between 1 and 120 minutes.")]
    [InlineData("project window 0", "The project window must last at least 1 working day.")]
    [InlineData("portfolio min -1", "The minimum number of portfolio items cannot be negative.")]
    [InlineData("portfolio max 0", "The maximum number of portfolio items must be at least 1.")]
    [InlineData("portfolio min over max", "The minimum number of portfolio items is more than the maximum.")]
    [InlineData("appeal window 0", "The appeal window must last at least 1 working day.")]
    [InlineData("months -1", "The minimum time on programme cannot be negative.")]
    [InlineData("cap Fail", "A re-sit grade cap of Fail would fail every re-sit: choose Pass, Merit or Distinction, or no cap.")]
    [InlineData("min interview over length", "The shortest interview must be between 1 minute and the interview length (60 minutes).")]
    [InlineData("project window 61", "The project window can last at most 60 working days.")]
    [InlineData("notice -1", "The notice before the project and before the interview must be between 0 and 60 working days.")]
    [InlineData("epa period 0", "The EPA period from gateway approval to result must be between 1 and 24 months.")]
    [InlineData("blank label", "The display labels for the assessment and the gateway cannot be empty.")]
    public void Settings_OutOfRange_AreRefused(string setting, string expected)
    {
        var version = StandardVersions.St0128V1(s =>
        {
            switch (setting)
            {
                case "interview 0": s.InterviewMinutes = 0; break;
                case "interview 130": s.InterviewMinutes = 130; break;
                case "interview 100 over max 90": s.MaxInterviewMinutes = 90; s.InterviewMinutes = 100; break;
                case "max interview 150": s.MaxInterviewMinutes = 150; break;
                case "project window 0": s.ProjectWindowWorkingDays = 0; break;
                case "portfolio min -1": s.PortfolioMinItems = -1; break;
                case "portfolio max 0": s.PortfolioMaxItems = 0; break;
                case "portfolio min over max": s.PortfolioMinItems = 10; s.PortfolioMaxItems = 5; break;
                case "appeal window 0": s.AppealWindowWorkingDays = 0; break;
                case "months -1": s.MinimumMonthsOnProgramme = -1; break;
                case "cap Fail": s.ResitGradeCap = Grade.Fail; break;
                case "min interview over length": s.MinInterviewMinutes = 61; break;
                case "project window 61": s.ProjectWindowWorkingDays = 61; break;
                case "notice -1": s.InterviewNoticeWorkingDays = -1; break;
                case "epa period 0": s.EpaPeriodMonths = 0; break;
                default: s.GatewayLabel = " "; break;
            }
        });

        Assert.Equal([expected], StandardDefinitionValidator.Validate(version));
    }

    [Fact]
    public void EnsureValid_OnABrokenVersion_ThrowsAConfigurationErrorListingEveryProblem()
    {
        var version = CriteriaTable(("Distinction+Distinction", null));
        version.Settings.AppealWindowWorkingDays = 0;

        var error = Assert.Throws<StandardConfigurationException>(() => StandardDefinitionValidator.EnsureValid(version));

        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("ST0128_1.1 is not configured correctly: The grade table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureValid_OnASoundVersion_DoesNotThrow()
    {
        StandardDefinitionValidator.EnsureValid(StandardVersions.St0128V1());
    }

    private static StandardVersion Holistic()
    {
        var version = new Standard("ST0128", "Software Development Technician", 3).AddVersion("1.0", GradingScheme.HolisticAreas, new StandardSettings());
        foreach (var method in Enum.GetValues<AssessmentMethod>())
        {
            version.Methods.Add(method);
        }

        return version;
    }

    /// <summary>Project + Interview with the default table, less or changed where <paramref name="changes"/> say (null grade = row left out).</summary>
    private static StandardVersion CriteriaTable(params (string Combination, Grade? Grade)[] changes)
    {
        var version = new Standard("ST0128", "Software Development Technician", 3).AddVersion("1.1", GradingScheme.CriteriaPerMethod, new StandardSettings());
        version.Methods.Add(Project);
        version.Methods.Add(Interview);
        version.AddCriterion(Project, "P1", "Pass", CriterionLevel.Pass);
        version.AddCriterion(Interview, "P1", "Pass", CriterionLevel.Pass);
        foreach (var (combination, grade) in GradeLookupTable.Default(2))
        {
            var change = changes.FirstOrDefault(c => c.Combination == combination);
            if (change.Combination is null)
            {
                version.AddGradeLookup(combination, grade);
            }
            else if (change.Grade is { } changed)
            {
                version.AddGradeLookup(combination, changed);
            }
        }

        return version;
    }
}
