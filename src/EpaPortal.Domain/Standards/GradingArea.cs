namespace EpaPortal.Domain.Standards;

/// <summary>A grading area of a HolisticAreas plan: What, How, With Whom.</summary>
public class GradingArea
{
    private GradingArea()
    {
        Code = Name = Description = string.Empty;
    }

    internal GradingArea(string code, string name, string description, int order)
    {
        Code = code;
        Name = name;
        Description = description;
        Order = order;
    }

    public int Id { get; private set; }

    public int StandardVersionId { get; private set; }

    /// <summary>Stable key, e.g. "What", "How", "WithWhom".</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public string Description { get; private set; }

    public int Order { get; private set; }
}
