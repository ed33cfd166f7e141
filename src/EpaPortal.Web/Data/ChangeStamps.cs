using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EpaPortal.Web.Data;

/// <summary>
/// A value that changes whenever something changes across cases (see <see cref="ChangeStamps"/>): one row
/// per kind of change, read by the caches that depend on it.
/// </summary>
public class DataEpoch
{
    /// <summary>Something not tied to one case (an apprentice, an organisation, a user, a standard, a
    /// conflict of interest): a cache keyed by a case's <see cref="ChangeStamps.CaseStamp"/> also checks this.</summary>
    public const int SharedData = 1;

    /// <summary>A case added, deleted or moved to another state: the counts of cases by state.</summary>
    public const int CaseStates = 2;

    public int Id { get; set; }

    public Guid Value { get; set; }
}

/// <summary>
/// What a save changes, for read caches that must never show stale data (<c>CaseViewCache</c>). Every
/// save that adds, changes or deletes something belonging to a case gives that case a fresh
/// <see cref="CaseStamp"/> (a column of Cases) in the same transaction; a change to anything else that
/// is not known to be off every case page gives the database a fresh <see cref="DataEpoch"/>. The default
/// is the safe one: an entity this class cannot tie to one case refreshes everything.
/// </summary>
public sealed class ChangeStamps
{
    /// <summary>The shadow column of Cases that changes with anything its case pages show.</summary>
    public const string CaseStamp = "ChangeStamp";

    private readonly HashSet<int> cases = [];
    private ILookup<(Microsoft.EntityFrameworkCore.Metadata.IEntityType, object?), EntityEntry>? parents;

    /// <summary>Cases whose stamp the save must change (besides those whose own row is saved).</summary>
    public IReadOnlyCollection<int> Cases => cases;

    /// <summary>Something not tied to one case changed: the shared-data epoch must change.</summary>
    public bool Everything { get; private set; }

    /// <summary>A case was added or deleted or changed state: the case-states epoch must change.</summary>
    public bool CaseStatesChanged { get; private set; }

    public bool NeedsStamping => Everything || CaseStatesChanged || cases.Count > 0;

    /// <summary>Reads the tracker before a save; stamps the saved case rows themselves.</summary>
    public static ChangeStamps Collect(ChangeTracker tracker)
    {
        var stamps = new ChangeStamps();
        var stampedInRow = new HashSet<int>();
        var all = tracker.Entries().ToList();
        foreach (var entry in all.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            switch (entry.Entity)
            {
                // Sessions, a user's sign-in secrets (authenticator keys, logins, claims), e-mails waiting to be
                // sent, keys and the epoch itself are on no case page; nor are the API's clients, token keys,
                // webhooks and national-service submissions (admin pages of their own).
                case UserSession or IdentityUserToken<string> or IdentityUserLogin<string> or IdentityUserClaim<string>
                    or OutboxMessage or DataProtectionKey or DataEpoch
                    or Features.Api.Clients.ApiClient or Features.Api.Clients.ApiSigningKey or Features.Api.Webhooks.WebhookSubscription
                    or Features.Api.Webhooks.WebhookDelivery or Features.Api.National.NationalSubmission:
                    continue;
                case EpaCase epaCase:
                    if (entry.State != EntityState.Modified || entry.Property(nameof(EpaCase.State)).IsModified)
                    {
                        stamps.CaseStatesChanged = true;
                    }

                    if (entry.State != EntityState.Deleted)
                    {
                        entry.Property(CaseStamp).CurrentValue = Guid.NewGuid();
                        stampedInRow.Add(epaCase.Id);
                    }

                    continue;
                case AuditEntry audit:
                    // An entry without a case (a sign-in, a user change) is on no case page.
                    if (audit.CaseId is { } auditCase)
                    {
                        stamps.cases.Add(auditCase);
                    }

                    continue;
            }

            if (!stamps.AddCaseOf(entry, all))
            {
                stamps.Everything = true;
            }
        }

        stamps.cases.ExceptWith(stampedInRow);
        return stamps;
    }

    /// <summary>Gives the collected cases (and, if needed, the epoch) fresh stamps; run inside the save's
    /// transaction. With <paramref name="async"/> false it completes synchronously (for SaveChanges).</summary>
    public async Task ApplyAsync(PortalDbContext db, bool async, CancellationToken cancellationToken)
    {
        var ids = Cases;
        if (ids.Count > 0)
        {
            var stamp = Guid.NewGuid();
            var touched = db.Cases.Where(c => ids.Contains(c.Id));
            _ = async
                ? await touched.ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<Guid>(c, CaseStamp), stamp), cancellationToken)
                : touched.ExecuteUpdate(s => s.SetProperty(c => EF.Property<Guid>(c, CaseStamp), stamp));
        }

        foreach (var (changed, row) in new[] { (Everything, DataEpoch.SharedData), (CaseStatesChanged, DataEpoch.CaseStates) })
        {
            if (!changed)
            {
                continue;
            }

            var epoch = Guid.NewGuid();
            var rows = db.DataEpochs.Where(e => e.Id == row);
            _ = async
                ? await rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.Value, epoch), cancellationToken)
                : rows.ExecuteUpdate(s => s.SetProperty(e => e.Value, epoch));
        }
    }

    /// <summary>
    /// Ties the entry to its case: its own CaseId (before and after the change), or else its tracked
    /// parent's (a note's conclusions, a gateway's reviews). False when it cannot.
    /// </summary>
    private bool AddCaseOf(EntityEntry entry, List<EntityEntry> all)
    {
        if (entry.Metadata.FindProperty("CaseId") is { } caseIdProperty)
        {
            var property = entry.Property(caseIdProperty.Name);
            if (property.IsTemporary)
            {
                // A case added in this same save: its row is stamped as it is inserted.
                return true;
            }

            var found = false;
            foreach (var value in new[] { property.CurrentValue, entry.State == EntityState.Modified ? property.OriginalValue : null })
            {
                if (value is int id)
                {
                    cases.Add(id);
                    found = true;
                }
            }

            return found;
        }

        foreach (var key in entry.Metadata.GetForeignKeys())
        {
            if (key.PrincipalEntityType.FindProperty("CaseId") is null || key.Properties.Count != 1 || !key.PrincipalKey.IsPrimaryKey())
            {
                continue;
            }

            var parentKey = entry.Property(key.Properties[0].Name).CurrentValue;
            parents ??= all.Where(e => e.Metadata.FindPrimaryKey()?.Properties.Count == 1)
                .ToLookup(e => (e.Metadata, e.Property(e.Metadata.FindPrimaryKey()!.Properties[0].Name).CurrentValue));
            var parent = parents[(key.PrincipalEntityType, parentKey)].FirstOrDefault();
            if (parent is not null && AddCaseOf(parent, all))
            {
                return true;
            }
        }

        return false;
    }
}
