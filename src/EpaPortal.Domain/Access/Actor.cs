namespace EpaPortal.Domain.Access;

/// <summary>
/// Someone acting on a case: a signed-in user with their roles and, for employer users, their
/// organisation; an API client acting for its organisation (<see cref="ForApiClient"/>); or the portal
/// itself (<see cref="System"/>) for clock-driven changes.
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

    /// <summary>Builds the actor for an API client: no roles, only its organisation scope and its scopes.</summary>
    public static Actor ForApiClient(string actorId, string displayName, ApiClientGrant grant) =>
        new(actorId, displayName, [], null, isSystem: false) { ApiClient = grant };

    public string UserId { get; }

    public string DisplayName { get; }

    public IReadOnlySet<PortalRole> Roles { get; }

    /// <summary>The organisation an Employer or Provider user belongs to (the same organisation when it is both).</summary>
    public int? EmployerOrganisationId { get; }

    public bool IsSystem { get; }

    /// <summary>Set when the actor is an API client: what it was granted, for which organisation.</summary>
    public ApiClientGrant? ApiClient { get; private init; }

    public bool IsInRole(PortalRole role) => Roles.Contains(role);

    public override string ToString() => $"{DisplayName} ({UserId})";
}
