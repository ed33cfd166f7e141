using System.Security.Claims;

namespace EpaPortal.Web.Security;

/// <summary>The signed-in user as the features need them: id, name, roles and employer organisation.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public string DisplayName => Principal.FindFirstValue(PortalClaims.DisplayName) ?? Principal.Identity?.Name ?? string.Empty;

    public int? OrganisationId => int.TryParse(Principal.FindFirstValue(PortalClaims.OrganisationId), out var id) ? id : null;

    /// <summary>Whether the account uses two-step verification (a claim refreshed whenever it is turned on or off).</summary>
    public bool TwoFactorOn => Principal.HasClaim(PortalClaims.TwoFactor, "on");

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public IReadOnlyList<string> Roles => Security.Roles.All.Where(IsInRole).ToList();

    /// <summary>Set when the caller is an API client (bearer token), not a signed-in person.</summary>
    public Domain.Access.ApiClientGrant? ApiClient => Features.Api.ApiAuthentication.GrantOf(Principal);
}

public static class PortalClaims
{
    public const string DisplayName = "epa:name";
    public const string OrganisationId = "epa:org";
    public const string TwoFactor = "epa:2fa";
}
