using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>
/// Reminds employers of a requested reference that is still missing before the gateway: every
/// <c>Notifications:ReferenceReminderDays</c> after the request (the outbox records when it was made),
/// at most <c>Notifications:ReferenceReminderMax</c> times, while the case is before the gateway
/// (Registered or GatewayRejected, not on hold) and its reference is not submitted. A new request starts
/// the count again.
/// </summary>
public sealed class ReferenceReminders(PortalDbContext db, Notifier notifier, TimeProvider clock, IOptions<NotificationOptions> options)
{
    private static readonly CaseState[] BeforeGateway = [CaseState.Registered, CaseState.GatewayRejected];

    /// <summary>Queues and saves the reminders that are due; returns the cases reminded.</summary>
    public async Task<IReadOnlyList<int>> QueueDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var every = TimeSpan.FromDays(Math.Max(1, options.Value.ReferenceReminderDays));
        var history = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.CaseId != null && (m.Kind == NotificationKind.ReferenceRequested || m.Kind == NotificationKind.ReferenceReminder))
            .Select(m => new { CaseId = m.CaseId!.Value, m.Kind, m.CreatedAt })
            .ToListAsync(cancellationToken);

        var due = new List<(int CaseId, DateTimeOffset RequestedAt)>();
        foreach (var group in history.GroupBy(h => h.CaseId))
        {
            var requests = group.Where(h => h.Kind == NotificationKind.ReferenceRequested).ToList();
            if (requests.Count == 0)
            {
                continue;
            }

            // One call of the notifier writes one row per employer, all with the same time: count rounds, not rows.
            var requestedAt = requests.Max(h => h.CreatedAt);
            var reminders = group.Where(h => h.Kind == NotificationKind.ReferenceReminder && h.CreatedAt > requestedAt).Select(h => h.CreatedAt).Distinct().ToList();
            var last = reminders.Count == 0 ? requestedAt : reminders.Max();
            if (reminders.Count < options.Value.ReferenceReminderMax && now - last >= every)
            {
                due.Add((group.Key, requestedAt));
            }
        }

        if (due.Count == 0)
        {
            return [];
        }

        var ids = due.Select(d => d.CaseId).ToList();
        var waiting = await db.Cases.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && BeforeGateway.Contains(c.State) && !c.IsOnHold)
            .Where(c => !db.EmployerReferences.Any(r => r.CaseId == c.Id && r.Status == ReferenceStatus.Submitted))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);

        var reminded = new List<int>();
        foreach (var (caseId, requestedAt) in due.Where(d => waiting.Contains(d.CaseId)))
        {
            await notifier.ReferenceReminderAsync(caseId, requestedAt, cancellationToken);
            reminded.Add(caseId);
        }

        await db.SaveChangesAsync(cancellationToken);
        return reminded;
    }
}
