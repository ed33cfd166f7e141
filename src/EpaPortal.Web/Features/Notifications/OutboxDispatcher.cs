using EpaPortal.Web.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>What one dispatcher pass did.</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Failed)
{
    public static readonly DispatchResult None = new(0, 0, 0);
}

/// <summary>
/// Sends the outbox. A pass claims the due messages with one atomic UPDATE (a claim id and a lock
/// time), so several instances never send the same message at once; it then sends each one and marks it
/// sent, or counts the failed attempt and schedules the next with exponential back-off, giving up after
/// <c>Email:Outbox:MaxAttempts</c> (the message stays visible at /admin/outbox). Delivery is at least
/// once: a message whose "sent" mark is lost (the database failing just after the server accepted it)
/// is sent again, with the same Message-ID.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    TimeProvider clock,
    IOptionsMonitor<EmailOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly string Instance = (Environment.MachineName.Length > 40 ? Environment.MachineName[..40] : Environment.MachineName)
        + "/" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The back-off before attempt <paramref name="attempts"/> + 1: base × 2^(attempts − 1), capped.</summary>
    public static TimeSpan RetryDelay(int attempts, OutboxOptions settings)
    {
        var baseDelay = TimeSpan.FromSeconds(Math.Max(1, settings.RetryBaseSeconds));
        var cap = TimeSpan.FromMinutes(Math.Max(1, settings.RetryMaxMinutes));
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = baseDelay * Math.Pow(2, exponent);
        return delay < cap ? delay : cap;
    }

    /// <summary>One pass: claim what is due, send it, record the outcome. Safe to call from several
    /// instances at once; the background service calls it every few seconds, tests call it directly.</summary>
    public async Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var claim = Instance + "/" + Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var lockedUntil = now.AddSeconds(Math.Max(30, settings.Outbox.ClaimSeconds));
        var due = db.OutboxMessages
            .Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Math.Max(1, settings.Outbox.BatchSize));

        // The conditions are repeated in the outer UPDATE so a row another instance claimed in between
        // is not taken over.
        var claimed = await db.OutboxMessages
            .Where(m => due.Contains(m.Id) && m.SentAt == null && m.GaveUpAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.LockedUntil, lockedUntil), cancellationToken);
        if (claimed == 0)
        {
            return DispatchResult.None;
        }

        using var activity = Infrastructure.PortalTelemetry.Source.StartActivity("outbox.dispatch");
        activity?.SetTag("epaportal.outbox.claimed", claimed);

        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ClaimedBy == claim)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);

        int sent = 0, failed = 0, givenUp = 0;
        IMailSession? session = null;
        Exception? unreachable = null;
        try
        {
            foreach (var message in messages)
            {
                if (unreachable is null && session is null)
                {
                    try
                    {
                        session = await transport.OpenAsync(cancellationToken);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        unreachable = ex;
                        logger.LogWarning(ex, "The mail server could not be reached; {Count} message(s) will be retried.", messages.Count - sent - failed);
                    }
                }

                if (unreachable is not null || session is null)
                {
                    givenUp += await RecordFailureAsync(db, message, claim, unreachable!, settings.Outbox) ? 1 : 0;
                    failed++;
                    continue;
                }

                try
                {
                    using var mime = MessageComposer.Compose(message, settings);
                    await session.SendAsync(mime, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Outbox message {Id} ({Kind}) was not sent.", message.Id, message.Kind);
                    givenUp += await RecordFailureAsync(db, message, claim, ex, settings.Outbox) ? 1 : 0;
                    failed++;

                    // A refused recipient leaves the connection usable; anything else gets a new one.
                    if (ex is not SmtpCommandException)
                    {
                        await session.DisposeAsync();
                        session = null;
                    }

                    continue;
                }

                await RecordSentAsync(db, message, claim);
                sent++;
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: hand the unsent messages back at once instead of holding them until the lock ends.
            await db.OutboxMessages.Where(m => m.ClaimedBy == claim && m.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        Infrastructure.PortalTelemetry.OutboxOutcome(sent, failed, givenUp);
        if (sent + failed > 0)
        {
            logger.LogInformation("Outbox pass: {Sent} sent, {Failed} failed.", sent, failed);
        }

        return new DispatchResult(messages.Count, sent, failed);
    }

    /// <summary>Deletes sent messages older than <c>Email:Outbox:KeepSentDays</c>.</summary>
    public async Task<int> PurgeSentAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var cutoff = clock.GetUtcNow().AddDays(-Math.Max(1, options.CurrentValue.Outbox.KeepSentDays));
        return await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task RecordSentAsync(PortalDbContext db, OutboxMessage message, string claim)
    {
        var now = clock.GetUtcNow();
        var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == claim);

        // The message is out: the database update must not be abandoned half-way by a shutdown.
        if (message.ContainsSecret)
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.LastAttemptAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.TextBody, OutboxMessage.SecretRemoved).SetProperty(m => m.HtmlBody, OutboxMessage.SecretRemoved),
                CancellationToken.None);
        }
        else
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.LastAttemptAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
                CancellationToken.None);
        }
    }

    /// <summary>Records a failed attempt; true when the message was given up.</summary>
    private async Task<bool> RecordFailureAsync(PortalDbContext db, OutboxMessage message, string claim, Exception error, OutboxOptions settings)
    {
        var now = clock.GetUtcNow();
        var attempts = message.Attempts + 1;
        var gaveUpAt = attempts >= Math.Max(1, settings.MaxAttempts) ? now : (DateTimeOffset?)null;
        var next = now + RetryDelay(attempts, settings);
        var text = error.GetType().Name + ": " + error.Message;
        if (text.Length > OutboxMessage.ErrorMaxLength)
        {
            text = text[..OutboxMessage.ErrorMaxLength];
        }

        await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == claim).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastAttemptAt, now).SetProperty(m => m.LastError, text)
                .SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.GaveUpAt, gaveUpAt)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
            CancellationToken.None);
        if (gaveUpAt is not null)
        {
            logger.LogError("Outbox message {Id} ({Kind}) was given up after {Attempts} attempts: {Error}", message.Id, message.Kind, attempts, text);
        }

        return gaveUpAt is not null;
    }
}
