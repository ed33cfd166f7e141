// TEMPORARY ADAPTER (portfolio branch): a copy of the domain-rules file of the same name; delete this folder after merging main.
namespace EpaPortal.Domain.Access;

/// <summary>The portal's roles; the web layer's Identity role names are the same strings.</summary>
public enum PortalRole
{
    Apprentice,
    Employer,
    Assessor,
    QualityAssurer,
    Admin,
}
