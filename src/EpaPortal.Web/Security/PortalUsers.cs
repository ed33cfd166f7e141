using EpaPortal.Domain.Access;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Security;

/// <summary>An active user of one role as the domain sees them (with every role they hold), and their e-mail.</summary>
public sealed record RoleHolder(Actor Actor, string Email);

/// <summary>The portal's people by role, as the domain needs them to decide (allocation, appeal reviewers).</summary>
public static class PortalUsers
{
    /// <summary>
    /// The ids of the accounts holding <paramref name="role"/>, as a subquery to compose (<c>holders.Contains(u.Id)</c>):
    /// found through Identity's index on the normalised role name and the index on AspNetUserRoles.RoleId, so a query of
    /// a role's people costs what the role's holders cost, not every account (issue 26: at 100,000 cases there are
    /// 100,000 apprentice accounts, and checking each one's roles took 424 ms on the reports page).
    /// </summary>
    public static IQueryable<string> HolderIds(PortalDbContext db, string role)
    {
        var key = role.ToUpperInvariant();
        return db.UserRoles.Where(ur => db.Roles.Where(r => r.NormalizedName == key).Select(r => r.Id).Contains(ur.RoleId)).Select(ur => ur.UserId);
    }

    /// <summary>The active users in <paramref name="role"/> (or just <paramref name="onlyId"/>), with all their roles: one command.</summary>
    public static async Task<IReadOnlyList<RoleHolder>> InRoleAsync(PortalDbContext db, string role, CancellationToken cancellationToken, string? onlyId = null)
    {
        var holders = HolderIds(db, role);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.DisabledAt == null && (onlyId == null || u.Id == onlyId) && holders.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.OrganisationId,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => db.Roles.Where(r => r.Id == ur.RoleId).Select(r => r.Name!).FirstOrDefault()!).ToList(),
            })
            .ToListAsync(cancellationToken);
        return users
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new RoleHolder(new Actor(u.Id, u.DisplayName, ActorExtensions.ToPortalRoles(u.Roles), u.OrganisationId), u.Email ?? string.Empty))
            .ToList();
    }
}
