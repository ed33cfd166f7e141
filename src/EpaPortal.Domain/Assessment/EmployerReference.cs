using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Assessment;

public enum ReferenceStatus
{
    Draft,
    Submitted,
}

/// <summary>
/// The employer reference: a narrative per grading area with real examples (the employer describes and
/// never grades), the referee's details and a declaration. Read-only once submitted unless an admin
/// reopens it with a reason.
/// </summary>
public class EmployerReference : IVersioned
{
    private readonly List<ReferenceSection> _sections = [];

    private EmployerReference()
    {
    }

    public EmployerReference(int caseId, DateTimeOffset createdAt)
    {
        CaseId = caseId;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public ReferenceStatus Status { get; private set; }

    public string? RefereeName { get; set; }

    public string? RefereeJobTitle { get; set; }

    public string? RelationshipToApprentice { get; set; }

    public int? MonthsSupervised { get; set; }

    public string? RefereeEmail { get; set; }

    public bool DeclarationAccepted { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? SubmittedById { get; private set; }

    public string? ReopenReason { get; private set; }

    public IReadOnlyList<ReferenceSection> Sections => _sections;

    public Guid Version { get; set; }

    public void SetNarrative(string areaCode, string? narrative)
    {
        EnsureEditable();
        var section = _sections.FirstOrDefault(s => s.AreaCode == areaCode);
        if (section is null)
        {
            _sections.Add(new ReferenceSection(areaCode, narrative));
        }
        else
        {
            section.Narrative = narrative;
        }
    }

    public void Submit(string userId, DateTimeOffset at)
    {
        EnsureEditable();
        Status = ReferenceStatus.Submitted;
        SubmittedAt = at;
        SubmittedById = userId;
    }

    public void Reopen(string reason)
    {
        Status = ReferenceStatus.Draft;
        ReopenReason = reason;
        SubmittedAt = null;
    }

    public void EnsureEditable()
    {
        if (Status == ReferenceStatus.Submitted)
        {
            throw new InvalidOperationException("The employer reference has been submitted and is read-only.");
        }
    }
}

/// <summary>The employer's narrative for one grading area.</summary>
public class ReferenceSection
{
    private ReferenceSection()
    {
        AreaCode = string.Empty;
    }

    internal ReferenceSection(string areaCode, string? narrative)
    {
        AreaCode = areaCode;
        Narrative = narrative;
    }

    public int Id { get; private set; }

    public int EmployerReferenceId { get; private set; }

    public string AreaCode { get; private set; }

    public string? Narrative { get; internal set; }
}
