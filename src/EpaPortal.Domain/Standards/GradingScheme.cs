namespace EpaPortal.Domain.Standards;

/// <summary>How a standard version's grade is reached (domain.md section 7).</summary>
public enum GradingScheme
{
    /// <summary>What / How / With Whom areas judged Below / Expected / Above (ST0128 v1.0).</summary>
    HolisticAreas,

    /// <summary>Pass and distinction criteria per method, combined by a lookup table.</summary>
    CriteriaPerMethod,
}
