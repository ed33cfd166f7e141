using System.Collections.Concurrent;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace EpaPortal.Web.Tests.Notifications;

/// <summary>The background loop over a database it cannot open: it keeps running, backs off instead of
/// spinning, and stops cleanly.</summary>
[Trait(Category.Name, Category.Integration)]
public class DispatcherResilienceTests
{
    [Fact]
    public async Task DatabaseDown_TheLoopKeepsRunning_BacksOff_AndStopsCleanly()
    {
        var logs = new CollectingLoggerProvider();
        var unreachable = Path.Combine(Path.GetTempPath(), "epaportal-tests", "missing-" + Guid.NewGuid().ToString("N"), "portal.db");
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Mock.Of<IMailTransport>())
            .Configure<EmailOptions>(o => o.Outbox.PollSeconds = 1)
            .Configure<NotificationOptions>(_ => { })
            .AddDbContext<PortalDbContext>(o => DatabaseSetup.Configure(o, DatabaseSetup.SqliteProvider, $"Data Source={unreachable};Mode=ReadWrite"))
            .AddScoped<Notifier>()
            .AddScoped<ReferenceReminders>()
            .AddSingleton<PortalLinks>()
            .Configure<PortalOptions>(_ => { })
            .AddSingleton<OutboxDispatcher>()
            .AddSingleton<Web.Infrastructure.Jobs.JobLeases>()
            .AddDataProtection().Services
            .AddSingleton<Web.Features.Api.Webhooks.WebhookSecrets>()
            .AddScoped<Web.Features.Api.Webhooks.WebhookOutbox>()
            .AddSingleton<Web.Features.Api.Webhooks.WebhookDispatcher>()
            .AddSingleton<OutboxDispatcherService>();
        services.AddHttpClient();
        await using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<OutboxDispatcherService>();

        await service.StartAsync(CancellationToken.None);
        int FailedPasses() => logs.Messages.Count(m => m.StartsWith("The outbox pass failed", StringComparison.Ordinal));

        // The first pass may take a while on a busy machine (the EF model is built on first use).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (FailedPasses() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, FailedPasses());
        Assert.Contains(logs.Messages, m => m.StartsWith("Outbox housekeeping", StringComparison.Ordinal));

        // Then pauses of 2 s, 4 s, 8 s...: in the next 7 s one or two more passes, not hundreds.
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.False(service.ExecuteTask!.IsCompleted, "the loop ended");
        Assert.InRange(FailedPasses(), 2, 3);

        var stopping = service.StopAsync(CancellationToken.None);
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
