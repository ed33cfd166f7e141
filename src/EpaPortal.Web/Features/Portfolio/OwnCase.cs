using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>The signed-in apprentice's own case: the pages under /apprentice never take a case id.</summary>
public sealed class OwnCase(PortalDbContext db, CurrentUser user)
{
    /// <summary>The apprentice's current case (the latest registered), or null.</summary>
    public Task<int?> IdAsync(CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking()
            .Where(c => c.Apprentice!.UserId == user.Id)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
