using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Web.Data.Seed;

/// <summary>
/// A standard version as a JSON document: the seed files in Data/Seed/standards and the definitions an
/// admin uploads use the same shape.
/// </summary>
public sealed class StandardDefinition
{
    public string Reference { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public int Level { get; set; }

    public string Version { get; set; } = string.Empty;

    public GradingScheme Scheme { get; set; }

    public List<AssessmentMethod> Methods { get; set; } = [];

    public StandardSettings Settings { get; set; } = new();

    public List<AreaDefinition> Areas { get; set; } = [];

    public List<CompetencyDefinition> Competencies { get; set; } = [];

    public List<string> KnowledgeModules { get; set; } = [];

    public List<CriterionDefinition> Criteria { get; set; } = [];

    public List<LookupDefinition> GradeLookup { get; set; } = [];

    public sealed class AreaDefinition
    {
        public string Code { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;
    }

    public sealed class CompetencyDefinition
    {
        public string Code { get; set; } = string.Empty;

        public CompetencyKind Kind { get; set; }

        public string Label { get; set; } = string.Empty;

        public string Area { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;
    }

    public sealed class CriterionDefinition
    {
        public AssessmentMethod Method { get; set; }

        public string Code { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        public CriterionLevel Level { get; set; }
    }

    public sealed class LookupDefinition
    {
        public string Combination { get; set; } = string.Empty;

        public Grade Grade { get; set; }
    }

    /// <summary>Adds this version to <paramref name="standard"/> (which must have the same reference).</summary>
    public StandardVersion AddTo(Standard standard)
    {
        var version = standard.AddVersion(Version, Scheme, Settings);
        foreach (var method in Methods)
        {
            version.Methods.Add(method);
        }

        foreach (var area in Areas)
        {
            version.AddArea(area.Code, area.Name, area.Description);
        }

        foreach (var competency in Competencies)
        {
            version.AddCompetency(competency.Code, competency.Kind, competency.Label, competency.Description, competency.Area);
        }

        foreach (var module in KnowledgeModules)
        {
            version.AddKnowledgeModule(module);
        }

        foreach (var criterion in Criteria)
        {
            version.AddCriterion(criterion.Method, criterion.Code, criterion.Text, criterion.Level);
        }

        foreach (var row in GradeLookup)
        {
            version.AddGradeLookup(row.Combination, row.Grade);
        }

        return version;
    }
}
