namespace EpaPortal.Domain.Access;

/// <summary>
/// Someone acting on a case: a signed-in user with their roles and, for employer users, their
/// organisation; or the portal itself (<see cref="System"/>) for clock-driven changes.
/// </summary>
public sealed class Actor
{
    private Actor(string userId, string displayName, IEnumerable<PortalRole> roles, int? employerOrganisationId, bool isSystem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        UserId = userId;
        DisplayName = displayName;
        Roles = roles.ToHashSet();
        EmployerOrganisationId = employerOrganisationId;
        IsSystem = isSystem;
    }

    public Actor(string userId, string displayName, IEnumerable<PortalRole> roles, int? employerOrganisationId = null)
        : this(userId, displayName, roles, employerOrganisationId, isSystem: false)
    {
    }

    /// <summary>The portal acting on its own: opening and closing project windows, automatic release.</summary>
    public static Actor System { get; } = new("system", "EPA Portal (automatic)", [], null, isSystem: true);

    public string UserId { get; }

    public string DisplayName { get; }

    public IReadOnlySet<PortalRole> Roles { get; }

    /// <summary>The employer organisation an Employer user belongs to.</summary>
    public int? EmployerOrganisationId { get; }

    public bool IsSystem { get; }

    public bool IsInRole(PortalRole role) => Roles.Contains(role);

    public override string ToString() => $"{DisplayName} ({UserId})";
}
