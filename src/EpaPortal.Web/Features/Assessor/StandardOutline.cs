using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Web.Features.Assessor;

public sealed record CompetencyInfo(int Id, string Code, string Label, string Description, CompetencyKind Kind, string AreaCode, int Order)
{
    public string Title => $"{Code} {Label}";
}

public sealed record AreaInfo(string Code, string Name, string Description, IReadOnlyList<CompetencyInfo> Competencies);

public sealed record CriterionInfo(int Id, AssessmentMethod Method, string Code, string Text, CriterionLevel Level);

/// <summary>The parts of a standard version the assessor's pages are built from: areas with their
/// competencies (in order), the methods, the criteria of a CriteriaPerMethod plan and the settings.</summary>
public sealed record StandardOutline(
    GradingScheme Scheme,
    IReadOnlyList<AssessmentMethod> Methods,
    IReadOnlyList<AreaInfo> Areas,
    IReadOnlyList<CriterionInfo> Criteria,
    StandardSettings Settings)
{
    public IEnumerable<CompetencyInfo> Competencies => Areas.SelectMany(a => a.Competencies).OrderBy(c => c.Order);

    public CompetencyInfo? Competency(int id) => Competencies.FirstOrDefault(c => c.Id == id);

    public string AreaName(string code) => Areas.FirstOrDefault(a => a.Code == code)?.Name ?? code;

    /// <summary>The outline of a version already loaded with its areas, competencies and criteria (from
    /// <see cref="Cases.StandardVersionCache"/>: no command at all).</summary>
    public static StandardOutline From(StandardVersion version)
    {
        var competencies = version.Competencies.OrderBy(c => c.Order)
            .Select(c => new CompetencyInfo(c.Id, c.Code, c.Label, c.Description, c.Kind, c.AreaCode, c.Order))
            .ToList();
        return new StandardOutline(
            version.Scheme,
            version.Methods.ToList(),
            version.Areas.OrderBy(a => a.Order)
                .Select(a => new AreaInfo(a.Code, a.Name, a.Description, competencies.Where(c => c.AreaCode == a.Code).ToList())).ToList(),
            version.Criteria.Select(c => new CriterionInfo(c.Id, c.Method, c.Code, c.Text, c.Level))
                .OrderBy(c => version.Methods.IndexOf(c.Method)).ThenBy(c => c.Level).ThenBy(c => c.Code, StringComparer.Ordinal).ToList(),
            version.Settings);
    }
}
