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
}
