using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Assessment;

/// <summary>
/// The assessor's final judgement of one attempt, drawn from all four methods: a level and rationale per
/// grading area (HolisticAreas) or met/unmet per criterion (CriteriaPerMethod), with the evidence cited
/// for each competency.
/// </summary>
public class Judgement : IVersioned
{
    private readonly List<AreaJudgement> _areas = [];
    private readonly List<CompetencyEvidence> _competencyEvidence = [];
    private readonly List<CriterionResult> _criterionResults = [];

    private Judgement()
    {
        AssessorId = string.Empty;
    }

    public Judgement(int caseId, int attempt, string assessorId, DateTimeOffset createdAt)
    {
        CaseId = caseId;
        Attempt = attempt;
        AssessorId = assessorId;
        UpdatedAt = createdAt;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public int Attempt { get; private set; }

    public string AssessorId { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<AreaJudgement> Areas => _areas;

    public IReadOnlyList<CompetencyEvidence> CompetencyEvidence => _competencyEvidence;

    public IReadOnlyList<CriterionResult> CriterionResults => _criterionResults;

    /// <summary>The assessor's draft proposal, kept with the judgement until it is submitted: a grade other
    /// than the computed one (null: the computed grade), its justification, the recommendation for a Fail,
    /// and the feedback for the apprentice. Submitting copies them into the <see cref="GradeDecision"/>.</summary>
    public Grade? ProposedGrade { get; set; }

    public string? OverrideJustification { get; set; }

    public AttemptKind? Recommendation { get; set; }

    public string? Feedback { get; set; }

    public Guid Version { get; set; }

    public void SetArea(string areaCode, AreaLevel? level, string? rationale)
    {
        var area = _areas.FirstOrDefault(a => a.AreaCode == areaCode);
        if (area is null)
        {
            area = new AreaJudgement(areaCode);
            _areas.Add(area);
        }

        area.Level = level;
        area.Rationale = rationale;
    }

    public void SetCompetencyEvidence(int competencyId, IEnumerable<string> evidenceRefs)
    {
        var refs = evidenceRefs.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct().ToList();
        var entry = _competencyEvidence.FirstOrDefault(c => c.CompetencyId == competencyId);
        if (entry is null)
        {
            _competencyEvidence.Add(new CompetencyEvidence(competencyId) { EvidenceRefs = refs });
        }
        else
        {
            entry.EvidenceRefs = refs;
        }
    }

    public void SetCriterion(int criterionId, bool met)
    {
        var entry = _criterionResults.FirstOrDefault(c => c.CriterionId == criterionId);
        if (entry is null)
        {
            _criterionResults.Add(new CriterionResult(criterionId) { Met = met });
        }
        else
        {
            entry.Met = met;
        }
    }
}

/// <summary>The final level of one grading area with its written rationale.</summary>
public class AreaJudgement
{
    private AreaJudgement()
    {
        AreaCode = string.Empty;
    }

    internal AreaJudgement(string areaCode)
    {
        AreaCode = areaCode;
    }

    public int Id { get; private set; }

    public int JudgementId { get; private set; }

    public string AreaCode { get; private set; }

    public AreaLevel? Level { get; internal set; }

    public string? Rationale { get; internal set; }
}

/// <summary>The evidence cited for one competency in the final judgement.</summary>
public class CompetencyEvidence
{
    private CompetencyEvidence()
    {
    }

    internal CompetencyEvidence(int competencyId)
    {
        CompetencyId = competencyId;
    }

    public int Id { get; private set; }

    public int JudgementId { get; private set; }

    public int CompetencyId { get; private set; }

    public List<string> EvidenceRefs { get; internal set; } = [];
}

/// <summary>Whether one criterion of a CriteriaPerMethod plan was met.</summary>
public class CriterionResult
{
    private CriterionResult()
    {
    }

    internal CriterionResult(int criterionId)
    {
        CriterionId = criterionId;
    }

    public int Id { get; private set; }

    public int JudgementId { get; private set; }

    public int CriterionId { get; private set; }

    public bool Met { get; internal set; }
}
