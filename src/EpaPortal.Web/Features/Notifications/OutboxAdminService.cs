using System.Globalization;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>Which outbox messages the admin page lists.</summary>
public enum OutboxFilter
{
    /// <summary>Waiting to be sent, including those that failed and wait for a retry.</summary>
    Pending,

    /// <summary>Given up after the last attempt.</summary>
    GaveUp,

    Sent,
}

/// <summary>The admin view of the outbox: recipients, subjects, attempts and errors, never bodies.</summary>
public sealed class OutboxAdminService(PortalDbContext db, TimeProvider clock, AuditLog audit)
{
    public const int PageSize = 50;

    public async Task<OutboxPageViewModel> ListAsync(OutboxFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var pending = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.GaveUpAt == null, cancellationToken);
        var failing = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.GaveUpAt == null && m.Attempts > 0, cancellationToken);
        var gaveUp = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.GaveUpAt != null, cancellationToken);

        var query = filter switch
        {
            OutboxFilter.GaveUp => db.OutboxMessages.Where(m => m.SentAt == null && m.GaveUpAt != null).OrderByDescending(m => m.GaveUpAt).ThenByDescending(m => m.Id),
            OutboxFilter.Sent => db.OutboxMessages.Where(m => m.SentAt != null).OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id),
            _ => db.OutboxMessages.Where(m => m.SentAt == null && m.GaveUpAt == null).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id),
        };
        var total = filter switch
        {
            OutboxFilter.GaveUp => gaveUp,
            OutboxFilter.Sent => await db.OutboxMessages.CountAsync(m => m.SentAt != null, cancellationToken),
            _ => pending,
        };
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);

        var rows = await query.AsNoTracking()
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new
            {
                m.Id, m.Kind, m.CaseId, m.ToName, m.ToAddress, m.Subject, m.Attempts, m.CreatedAt,
                m.NextAttemptAt, m.LastError, m.SentAt, m.GaveUpAt, m.LockedUntil,
            })
            .ToListAsync(cancellationToken);

        var items = rows.Select(m => new OutboxRowViewModel(
            m.Id,
            m.Kind.ToString(),
            m.CaseId?.ToString(CultureInfo.InvariantCulture),
            m.ToName,
            m.ToAddress,
            m.Subject,
            m.Attempts,
            UkTime.DateTime(m.CreatedAt),
            m.SentAt is { } sentAt ? "Sent " + UkTime.DateTime(sentAt)
                : m.GaveUpAt is { } gaveUpAt ? "Given up " + UkTime.DateTime(gaveUpAt)
                : m.LockedUntil > now ? "Sending now"
                : m.NextAttemptAt <= now ? "Due now"
                : "Next try " + UkTime.DateTime(m.NextAttemptAt),
            m.LastError,
            CanRetry: m.SentAt is null)).ToList();

        return new OutboxPageViewModel(filter, items, page, pages, pending, failing, gaveUp);
    }

    /// <summary>Schedules one more attempt at once; false when the message does not exist or was sent.</summary>
    public async Task<bool> RetryNowAsync(long id, CancellationToken cancellationToken = default)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || message.SentAt is not null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        message.RetryNow(now);
        audit.Add("OutboxRetried", message.CaseId, string.Create(CultureInfo.InvariantCulture, $"Outbox message {message.Id} ({message.Kind}) to {message.ToAddress}, after {DisplayNames.Count(message.Attempts, "attempt")}"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

public sealed record OutboxPageViewModel(
    OutboxFilter Filter,
    IReadOnlyList<OutboxRowViewModel> Items,
    int Page,
    int Pages,
    int PendingCount,
    int FailingCount,
    int GaveUpCount);

public sealed record OutboxRowViewModel(
    long Id,
    string Kind,
    string? CaseId,
    string ToName,
    string ToAddress,
    string Subject,
    int Attempts,
    string Created,
    string Status,
    string? LastError,
    bool CanRetry);
