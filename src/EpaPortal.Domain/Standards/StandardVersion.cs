using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Standards;

/// <summary>
/// One version of a standard, stored as data: methods, competencies with their grading area, knowledge
/// modules, grading scheme and settings. A new version is data, never code.
/// </summary>
public class StandardVersion
{
    private readonly List<GradingArea> _areas = [];
    private readonly List<Competency> _competencies = [];
    private readonly List<KnowledgeModule> _knowledgeModules = [];
    private readonly List<GradingCriterion> _criteria = [];
    private readonly List<GradeLookupEntry> _gradeLookup = [];

    private StandardVersion()
    {
        Version = string.Empty;
        Settings = new StandardSettings();
    }

    internal StandardVersion(Standard standard, string version, GradingScheme scheme, StandardSettings settings)
    {
        Standard = standard;
        Version = version;
        Scheme = scheme;
        Settings = settings;
    }

    public int Id { get; private set; }

    public int StandardId { get; private set; }

    public Standard? Standard { get; private set; }

    /// <summary>e.g. "1.0".</summary>
    public string Version { get; private set; }

    /// <summary>e.g. "ST0128_1.0".</summary>
    public string Code => Standard is null ? Version : $"{Standard.Reference}_{Version}";

    public GradingScheme Scheme { get; private set; }

    /// <summary>The assessment methods this version uses, in order.</summary>
    public IList<AssessmentMethod> Methods { get; private set; } = [];

    public StandardSettings Settings { get; private set; }

    /// <summary>Whether new cases may be registered against this version.</summary>
    public bool IsActive { get; set; } = true;

    public IReadOnlyList<GradingArea> Areas => _areas;

    public IReadOnlyList<Competency> Competencies => _competencies;

    public IReadOnlyList<KnowledgeModule> KnowledgeModules => _knowledgeModules;

    public IReadOnlyList<GradingCriterion> Criteria => _criteria;

    public IReadOnlyList<GradeLookupEntry> GradeLookup => _gradeLookup;

    public GradingArea AddArea(string code, string name, string description)
    {
        var area = new GradingArea(code, name, description, _areas.Count + 1);
        _areas.Add(area);
        return area;
    }

    public Competency AddCompetency(string code, CompetencyKind kind, string label, string description, string areaCode)
    {
        if (_areas.All(a => a.Code != areaCode))
        {
            throw new InvalidOperationException($"Competency {code} names an unknown grading area '{areaCode}'.");
        }

        if (_competencies.Any(c => c.Code == code))
        {
            throw new InvalidOperationException($"Competency code {code} is used twice.");
        }

        var competency = new Competency(code, kind, label, description, areaCode, _competencies.Count + 1);
        _competencies.Add(competency);
        return competency;
    }

    public KnowledgeModule AddKnowledgeModule(string name)
    {
        var module = new KnowledgeModule(name, _knowledgeModules.Count + 1);
        _knowledgeModules.Add(module);
        return module;
    }

    public GradingCriterion AddCriterion(AssessmentMethod method, string code, string text, CriterionLevel level)
    {
        var criterion = new GradingCriterion(method, code, text, level);
        _criteria.Add(criterion);
        return criterion;
    }

    public void AddGradeLookup(string combination, Grade grade) =>
        _gradeLookup.Add(new GradeLookupEntry(combination, grade));
}
