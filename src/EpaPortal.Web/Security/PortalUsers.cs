using EpaPortal.Domain.Access;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Security;

/// <summary>An active user of one role as the domain sees them (with every role they hold), and their e-mail.</summary>
public sealed record RoleHolder(Actor Actor, string Email);

/// <summary>The portal's people by role, as the domain needs them to decide (allocation, appeal reviewers).</summary>
public static class PortalUsers
{
    /// <summary>The active users in <paramref name="role"/> (or just <paramref name="onlyId"/>), with all their roles: one command.</summary>
    public static async Task<IReadOnlyList<RoleHolder>> InRoleAsync(PortalDbContext db, string role, CancellationToken cancellationToken, string? onlyId = null)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.DisabledAt == null && (onlyId == null || u.Id == onlyId)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.OrganisationId,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);
        return users
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new RoleHolder(new Actor(u.Id, u.DisplayName, ActorExtensions.ToPortalRoles(u.Roles), u.OrganisationId), u.Email ?? string.Empty))
            .ToList();
    }
}
