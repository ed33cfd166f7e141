using EpaPortal.Domain.Access;

namespace EpaPortal.Web.Security;

public static class ActorExtensions
{
    /// <summary>The signed-in user (or the calling API client) as the domain sees them.</summary>
    public static Actor ToActor(this CurrentUser user) => user.Principal.ToActor();

    public static PortalRole ToPortalRole(string role) => Enum.Parse<PortalRole>(role);

    public static IEnumerable<PortalRole> ToPortalRoles(IEnumerable<string> roles) =>
        roles.Where(r => Roles.All.Contains(r)).Select(ToPortalRole);
}
