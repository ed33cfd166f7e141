namespace EpaPortal.Domain.Standards;

public enum CompetencyKind
{
    Technical,
    Behaviour,
}

/// <summary>A competency statement or behaviour (a KSB) that evidence is mapped to.</summary>
public class Competency
{
    private Competency()
    {
        Code = Label = Description = AreaCode = string.Empty;
    }

    internal Competency(string code, CompetencyKind kind, string label, string description, string areaCode, int order)
    {
        Code = code;
        Kind = kind;
        Label = label;
        Description = description;
        AreaCode = areaCode;
        Order = order;
    }

    public int Id { get; private set; }

    public int StandardVersionId { get; private set; }

    /// <summary>e.g. "C1".."C13" for competencies, "B1".."B7" for behaviours.</summary>
    public string Code { get; private set; }

    public CompetencyKind Kind { get; private set; }

    public string Label { get; private set; }

    public string Description { get; private set; }

    /// <summary>The grading area this statement belongs to (a setting of the version).</summary>
    public string AreaCode { get; private set; }

    public int Order { get; private set; }
}
