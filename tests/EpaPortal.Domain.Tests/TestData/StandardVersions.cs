using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Tests.TestData;

/// <summary>Standard versions as the portal seeds them, with database ids assigned.</summary>
internal static class StandardVersions
{
    public static readonly string[] What = ["C1", "C2", "C4", "C5", "C6", "C13"];
    public static readonly string[] How = ["C3", "C7", "C8", "C9", "C10", "B1", "B2", "B3", "B4", "B5"];
    public static readonly string[] WithWhom = ["C11", "C12", "B6", "B7"];

    private static readonly (string Code, string Label)[] Statements =
    [
        ("C1", "Logic"), ("C2", "Security"), ("C3", "Development support"), ("C4", "Data"), ("C5", "Test"),
        ("C6", "Analysis"), ("C7", "Development lifecycle"), ("C8", "Quality"), ("C9", "Problem solving (a)"),
        ("C10", "Problem solving (b)"), ("C11", "Communication (a)"), ("C12", "Communication (b)"), ("C13", "User Interface"),
        ("B1", "Logical and creative thinking"), ("B2", "Problem solving"), ("B3", "Working independently"),
        ("B4", "Using own initiative"), ("B5", "Thorough and organised approach"), ("B6", "Working with others"),
        ("B7", "Communicating effectively"),
    ];

    /// <summary>ST0128 v1.0: HolisticAreas, four methods, 13 competencies and 7 behaviours in three areas.</summary>
    public static StandardVersion St0128V1(Action<StandardSettings>? settings = null)
    {
        var configured = new StandardSettings();
        settings?.Invoke(configured);
        var version = new Standard("ST0128", "Software Development Technician", 3).AddVersion("1.0", GradingScheme.HolisticAreas, configured);
        foreach (var method in Enum.GetValues<AssessmentMethod>())
        {
            version.Methods.Add(method);
        }

        version.AddArea(HolisticAreasGrading.What, "What", "What the apprentice can do").WithId(1);
        version.AddArea(HolisticAreasGrading.How, "How", "The way the work is done").WithId(2);
        version.AddArea(HolisticAreasGrading.WithWhom, "With Whom", "Personal and interpersonal qualities").WithId(3);
        var id = 100;
        foreach (var (code, label) in Statements)
        {
            var area = What.Contains(code) ? HolisticAreasGrading.What : How.Contains(code) ? HolisticAreasGrading.How : HolisticAreasGrading.WithWhom;
            var kind = code.StartsWith('C') ? CompetencyKind.Technical : CompetencyKind.Behaviour;
            version.AddCompetency(code, kind, label, $"{label} (meaning)", area).WithId(++id);
        }

        version.AddKnowledgeModule("Software Development Context and Methodologies").WithId(1);
        version.AddKnowledgeModule("Programming").WithId(2);
        return version;
    }

    public static int CompetencyId(this StandardVersion version, string code) => version.Competencies.Single(c => c.Code == code).Id;

    /// <summary>
    /// A CriteriaPerMethod version (like ST0128 v1.1) over the given methods: each has pass criteria P1,
    /// P2 and distinction criteria D1, D2, and the default grade table.
    /// </summary>
    public static StandardVersion CriteriaPerMethod(params AssessmentMethod[] methods)
    {
        var version = new Standard("ST0128", "Software Development Technician", 3).AddVersion("1.1", GradingScheme.CriteriaPerMethod, new StandardSettings());
        var id = 500;
        foreach (var method in methods)
        {
            version.Methods.Add(method);
            version.AddCriterion(method, "P1", $"{method} pass criterion 1", CriterionLevel.Pass).WithId(++id);
            version.AddCriterion(method, "P2", $"{method} pass criterion 2", CriterionLevel.Pass).WithId(++id);
            version.AddCriterion(method, "D1", $"{method} distinction criterion 1", CriterionLevel.Distinction).WithId(++id);
            version.AddCriterion(method, "D2", $"{method} distinction criterion 2", CriterionLevel.Distinction).WithId(++id);
        }

        foreach (var (combination, grade) in GradeLookupTable.Default(methods.Length))
        {
            version.AddGradeLookup(combination, grade);
        }

        return version;
    }

    public static int CriterionId(this StandardVersion version, AssessmentMethod method, string code) =>
        version.Criteria.Single(c => c.Method == method && c.Code == code).Id;
}
