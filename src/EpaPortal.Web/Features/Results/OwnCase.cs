using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Results;

/// <summary>The signed-in apprentice's own case: the latest one registered for them.</summary>
public sealed class OwnCase(PortalDbContext db, CurrentUser currentUser)
{
    public async Task<int?> IdAsync(CancellationToken cancellationToken = default)
    {
        var userId = currentUser.Id;
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        return await (from c in db.Cases.AsNoTracking()
                      join a in db.Apprentices.AsNoTracking() on c.ApprenticeId equals a.Id
                      where a.UserId == userId
                      orderby c.CreatedAt descending, c.Id descending
                      select (int?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
