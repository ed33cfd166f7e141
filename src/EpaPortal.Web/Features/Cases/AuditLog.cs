using EpaPortal.Domain.Auditing;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;

namespace EpaPortal.Web.Features.Cases;

/// <summary>
/// The one way features write an audit entry of their own (the case workflow's moves come with theirs): who
/// (the signed-in user) and when (the portal's clock) are filled in, and the entry is added to the caller's
/// unit of work, so it is saved with the change it records, in the same transaction.
/// </summary>
public sealed class AuditLog(PortalDbContext db, CurrentUser user, TimeProvider clock)
{
    public AuditEntry Add(string action, int? caseId, string? details = null, string? reason = null)
    {
        var entry = Entry(action, caseId, details, reason);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>The entry, not yet added anywhere (the audit of a confidential read goes to <see cref="Data.AuditTrail.ReadAuditWriter"/>).</summary>
    public AuditEntry Entry(string action, int? caseId, string? details = null, string? reason = null) =>
        AuditEntry.Of(clock.GetUtcNow(), user.Id, user.DisplayName, action, caseId, details, reason);
}
