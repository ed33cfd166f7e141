using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Tests.TestData;

/// <summary>
/// A complete, well-evidenced judgement by the allocated assessor for attempt 1, every area Expected
/// (Pass) and, for CriteriaPerMethod, every pass criterion met and no distinction criterion; each With…
/// changes one thing.
/// </summary>
internal sealed class JudgementBuilder(StandardVersion version)
{
    private readonly Dictionary<string, (AreaLevel? Level, string? Rationale)> _areas = version.Areas.ToDictionary(a => a.Code, a => ((AreaLevel?)AreaLevel.Expected, (string?)$"{a.Name} rationale citing the evidence."));
    private readonly Dictionary<int, List<string>> _evidence = version.Competencies.ToDictionary(c => c.Id, c => new List<string> { $"PortfolioItem:{c.Id}", $"InterviewAnswer:{c.Id}" });
    private readonly Dictionary<int, bool> _criteria = version.Criteria.ToDictionary(c => c.Id, c => c.Level == CriterionLevel.Pass);
    private readonly List<string> _extraAreas = [];
    private string _assessorId = Actors.AssessorId;
    private int _attempt = 1;

    public static JudgementBuilder For(StandardVersion version) => new(version);

    public JudgementBuilder WithLevels(AreaLevel what, AreaLevel how, AreaLevel withWhom) =>
        WithLevel(HolisticAreasGrading.What, what).WithLevel(HolisticAreasGrading.How, how).WithLevel(HolisticAreasGrading.WithWhom, withWhom);

    public JudgementBuilder WithLevel(string areaCode, AreaLevel? level)
    {
        _areas[areaCode] = (level, _areas[areaCode].Rationale);
        return this;
    }

    public JudgementBuilder WithRationale(string areaCode, string? rationale)
    {
        _areas[areaCode] = (_areas[areaCode].Level, rationale);
        return this;
    }

    public JudgementBuilder WithoutArea(string areaCode)
    {
        _areas.Remove(areaCode);
        return this;
    }

    public JudgementBuilder WithUnknownArea(string areaCode)
    {
        _extraAreas.Add(areaCode);
        return this;
    }

    public JudgementBuilder WithEvidence(string competencyCode, params string[] refs)
    {
        _evidence[version.CompetencyId(competencyCode)] = [.. refs];
        return this;
    }

    public JudgementBuilder WithoutEvidence(string competencyCode) => WithEvidence(competencyCode);

    public JudgementBuilder WithCriterion(AssessmentMethod method, string code, bool met)
    {
        _criteria[version.CriterionId(method, code)] = met;
        return this;
    }

    /// <summary>Every criterion of the method met (Distinction) or every pass one only (Pass) or P1 unmet (Fail).</summary>
    public JudgementBuilder WithMethodGrade(AssessmentMethod method, Grade grade)
    {
        foreach (var criterion in version.Criteria.Where(c => c.Method == method))
        {
            _criteria[criterion.Id] = grade switch
            {
                Grade.Distinction => true,
                Grade.Pass => criterion.Level == CriterionLevel.Pass,
                _ => criterion.Code != "P1",
            };
        }

        return this;
    }

    public JudgementBuilder WithoutCriterion(AssessmentMethod method, string code)
    {
        _criteria.Remove(version.CriterionId(method, code));
        return this;
    }

    public JudgementBuilder ByAssessor(string assessorId)
    {
        _assessorId = assessorId;
        return this;
    }

    public JudgementBuilder ForAttempt(int attempt)
    {
        _attempt = attempt;
        return this;
    }

    public Judgement Build()
    {
        var judgement = new Judgement(42, _attempt, _assessorId, TestClock.Now);
        foreach (var (code, (level, rationale)) in _areas)
        {
            judgement.SetArea(code, level, rationale);
        }

        foreach (var code in _extraAreas)
        {
            judgement.SetArea(code, AreaLevel.Expected, "An area the standard does not have.");
        }

        foreach (var (competencyId, refs) in _evidence)
        {
            judgement.SetCompetencyEvidence(competencyId, refs);
        }

        foreach (var (criterionId, met) in _criteria)
        {
            judgement.SetCriterion(criterionId, met);
        }

        return judgement;
    }
}
