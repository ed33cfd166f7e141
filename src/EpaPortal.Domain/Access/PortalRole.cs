namespace EpaPortal.Domain.Access;

/// <summary>The portal's roles; the web layer's Identity role names are the same strings.</summary>
public enum PortalRole
{
    Apprentice,
    Employer,
    Assessor,
    QualityAssurer,
    Admin,

    /// <summary>A user of a training provider organisation (issue 19).</summary>
    Provider,
}
