using Microsoft.AspNetCore.Identity;

namespace EpaPortal.Web.Data;

/// <summary>A person who signs in. Roles say what they do; OrganisationId ties an employer user to
/// their organisation; an apprentice user is linked from <c>Apprentice.UserId</c>.</summary>
public class PortalUser : IdentityUser
{
    public const int DisplayNameMaxLength = 200;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The employer organisation of an Employer user.</summary>
    public int? OrganisationId { get; set; }

    /// <summary>Set when an admin disables the account; disabled users cannot sign in.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>An assessor's capacity: the most open cases bulk allocation may give them (null: no limit; issue 21).</summary>
    public int? MaxOpenCases { get; set; }

    /// <summary>The largest capacity an admin may set (a typo guard, not a business rule).</summary>
    public const int MaxOpenCasesLimit = 500;
}
