using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Assessment;

/// <summary>
/// The assessor's confidential pre-interview notes for one attempt: initial conclusions per grading area
/// and per competency, with evidence references, and free-text notes. Never shown to the apprentice or
/// employer.
/// </summary>
public class AssessorNote : IVersioned
{
    private readonly List<InitialConclusion> _conclusions = [];

    private AssessorNote()
    {
        AssessorId = string.Empty;
    }

    public AssessorNote(int caseId, int attempt, string assessorId, DateTimeOffset createdAt)
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

    public string? Notes { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<InitialConclusion> Conclusions => _conclusions;

    public Guid Version { get; set; }

    /// <summary>Sets the conclusion for an area (competencyId null) or a competency.</summary>
    public InitialConclusion SetConclusion(string? areaCode, int? competencyId, InitialLevel level, IEnumerable<string> evidenceRefs, string? comment)
    {
        var existing = _conclusions.FirstOrDefault(c => c.AreaCode == areaCode && c.CompetencyId == competencyId);
        if (existing is null)
        {
            existing = new InitialConclusion(areaCode, competencyId);
            _conclusions.Add(existing);
        }

        existing.Level = level;
        existing.EvidenceRefs = evidenceRefs.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct().ToList();
        existing.Comment = comment;
        return existing;
    }
}

/// <summary>A provisional level for a grading area or a single competency.</summary>
public class InitialConclusion
{
    private InitialConclusion()
    {
    }

    internal InitialConclusion(string? areaCode, int? competencyId)
    {
        AreaCode = areaCode;
        CompetencyId = competencyId;
    }

    public int Id { get; private set; }

    public int AssessorNoteId { get; private set; }

    /// <summary>Set for an area-level conclusion.</summary>
    public string? AreaCode { get; private set; }

    /// <summary>Set for a competency-level conclusion.</summary>
    public int? CompetencyId { get; private set; }

    public InitialLevel Level { get; internal set; }

    /// <summary>Evidence references as "Source:Id" text (see <see cref="EvidenceReference"/>).</summary>
    public List<string> EvidenceRefs { get; internal set; } = [];

    public string? Comment { get; internal set; }
}
