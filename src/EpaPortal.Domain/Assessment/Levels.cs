namespace EpaPortal.Domain.Assessment;

/// <summary>A final area judgement of the HolisticAreas scheme.</summary>
public enum AreaLevel
{
    Below,
    Expected,

    /// <summary>Significantly above the expected level.</summary>
    Above,
}

/// <summary>An assessor's provisional view before the interview.</summary>
public enum InitialLevel
{
    NotYetEvident,
    Below,
    Expected,
    Above,
}
