using EpaPortal.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>
/// The background loop: a dispatcher pass every <c>Email:Outbox:PollSeconds</c>, and every
/// <c>Notifications:ReminderCheckMinutes</c> the reference reminders and the purge of old sent messages.
/// A failing database or mail server never stops it or makes it spin: it logs and waits longer.
/// Off when <c>Email:Outbox:DispatcherEnabled</c> is false (the Testing environment). Every instance
/// dispatches (the claims keep a message from going twice); the housekeeping runs on one instance per
/// period, the one that claims the <c>outbox-housekeeping</c> job lease.
/// </summary>
public sealed class OutboxDispatcherService(
    OutboxDispatcher dispatcher,
    Api.Webhooks.WebhookDispatcher webhooks,
    JobLeases leases,
    IServiceScopeFactory scopes,
    IOptionsMonitor<EmailOptions> email,
    IOptionsMonitor<NotificationOptions> notifications,
    ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!email.CurrentValue.Outbox.DispatcherEnabled)
        {
            logger.LogInformation("The outbox dispatcher is off (Email:Outbox:DispatcherEnabled=false).");
            return;
        }

        var failures = 0;
        var nextHousekeeping = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            var poll = TimeSpan.FromSeconds(Math.Max(1, email.CurrentValue.Outbox.PollSeconds));
            var pause = poll;

            if (DateTime.UtcNow >= nextHousekeeping)
            {
                nextHousekeeping = DateTime.UtcNow.AddMinutes(Math.Max(1, notifications.CurrentValue.ReminderCheckMinutes));
                await HousekeepingAsync(stoppingToken);
            }

            try
            {
                var result = await dispatcher.DispatchDueAsync(stoppingToken);
                var hooks = await webhooks.DispatchDueAsync(stoppingToken);
                failures = 0;

                // A full batch that went out means more may be waiting: go again straight away.
                if ((result.Sent > 0 && result.Claimed >= email.CurrentValue.Outbox.BatchSize) || (hooks.Sent > 0 && hooks.Claimed >= email.CurrentValue.Outbox.BatchSize))
                {
                    pause = TimeSpan.Zero;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                pause = poll * Math.Pow(2, Math.Min(failures, 10));
                pause = pause < MaxPause ? pause : MaxPause;
                logger.LogWarning(ex, "The outbox pass failed ({Failures} in a row); next try in {Pause}.", failures, pause);
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task HousekeepingAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Two instances queueing reminders at once would remind twice: one of them claims the turn.
            var every = TimeSpan.FromMinutes(Math.Max(1, notifications.CurrentValue.ReminderCheckMinutes));
            await using var claim = await leases.TryClaimAsync(JobNames.OutboxHousekeeping, every, maxRun: TimeSpan.FromMinutes(30), stoppingToken);
            if (claim is null)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReferenceReminders>().QueueDueAsync(stoppingToken);
            await dispatcher.PurgeSentAsync(stoppingToken);
            claim.Succeeded = true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Outbox housekeeping (reminders, purge) failed; it runs again later.");
        }
    }
}
