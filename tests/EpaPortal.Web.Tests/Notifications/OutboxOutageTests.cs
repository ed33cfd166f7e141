using System.Net;
using AngleSharp.Html.Dom;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Notifications;

/// <summary>The outbox against a mail server that is down, comes back, and is shared by several dispatchers.</summary>
[Trait(Category.Name, Category.Integration)]
public sealed class OutboxOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>, IAsyncLifetime
{
    private SmtpPortalFactory Portal => fixture.Portal;

    private TestSmtpServer Smtp => fixture.Smtp;

    public async Task InitializeAsync()
    {
        // Leave nothing due from an earlier test: send it, then start each test with the server down.
        await Smtp.StartAsync();
        Portal.Clock.Advance(TimeSpan.FromDays(1));
        await Portal.WithDbAsync(db => db.OutboxMessages.Where(m => m.SentAt == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.GaveUpAt, (DateTimeOffset?)null)));
        await fixture.ResetAsync();
        await Smtp.StopAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SmtpOutage_KeepsTheMessagePendingWithItsError_AndDeliversItWhenTheServerIsBack()
    {
        var caseId = await Portal.CaseIdOfAsync(Demo.Apprentice);
        await Portal.NotifyAsync(n => n.PortfolioSubmittedAsync(caseId));
        var queuedAt = Portal.Clock.GetUtcNow();

        var down = await Portal.DispatchAsync();

        Assert.Equal(new DispatchResult(1, 0, 1), down);
        var pending = await LatestAsync(NotificationKind.PortfolioSubmitted);
        Assert.Null(pending.SentAt);
        Assert.Null(pending.GaveUpAt);
        Assert.Equal(1, pending.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(pending.LastError));
        Assert.Equal(queuedAt.AddSeconds(60), pending.NextAttemptAt);
        Assert.Null(pending.ClaimedBy);

        // Not due again before its back-off, even with the server back.
        await Smtp.StartAsync();
        Assert.Equal(0, (await Portal.DispatchAsync()).Claimed);
        Assert.Empty(Smtp.Received);

        Portal.Clock.Advance(TimeSpan.FromSeconds(61));
        var up = await Portal.DispatchAsync();

        Assert.Equal(new DispatchResult(1, 1, 0), up);
        var message = Assert.Single(Smtp.Received);
        Assert.Equal(Demo.Employer, Assert.Single(message.To.Mailboxes).Address);
        var sent = await LatestAsync(NotificationKind.PortfolioSubmitted);
        Assert.NotNull(sent.SentAt);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task RepeatedFailures_BackOffExponentially_ThenGiveUp_VisibleToAdminsWhoCanRetry()
    {
        var caseId = await Portal.CaseIdOfAsync(Demo.Apprentice2);
        await Portal.AllocateAssessorAsync(caseId, Demo.Assessor);
        await Portal.NotifyAsync(n => n.CaseReturnedByQaAsync(caseId));

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= OutageFixture.MaxAttempts; attempt++)
        {
            var now = Portal.Clock.GetUtcNow();
            Assert.Equal(1, (await Portal.DispatchAsync()).Failed);
            var failed = await LatestAsync(NotificationKind.CaseReturnedByQa);
            Assert.Equal(attempt, failed.Attempts);
            delays.Add(failed.NextAttemptAt - now);
            Portal.Clock.Advance(failed.NextAttemptAt - now);
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], delays);
        var givenUp = await LatestAsync(NotificationKind.CaseReturnedByQa);
        Assert.NotNull(givenUp.GaveUpAt);
        Assert.Equal(0, (await Portal.DispatchAsync()).Claimed);

        // Admins see it, with the error and without the body; others may not look.
        using var assessor = await Portal.SignInAsync(Demo.Assessor);
        Assert.Equal(HttpStatusCode.Forbidden, (await assessor.GetAsync("/admin/outbox?show=GaveUp")).StatusCode);
        using var admin = await Portal.SignInAsync(Demo.Admin);
        var (response, page) = await admin.GetPageAsync("/admin/outbox?show=GaveUp");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = page.QuerySelector($"tr[data-outbox-id='{givenUp.Id}']");
        Assert.NotNull(row);
        Assert.Contains("Case returned by quality assurance: Ben Lewis", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Demo.Assessor, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(givenUp.LastError!, row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in to read the reasons", page.Body!.TextContent, StringComparison.Ordinal);

        var retry = await admin.SubmitAsync((IHtmlFormElement)row.QuerySelector("form")!, "/admin/outbox?show=GaveUp", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var retried = await LatestAsync(NotificationKind.CaseReturnedByQa);
        Assert.Null(retried.GaveUpAt);
        Assert.Equal(Portal.Clock.GetUtcNow(), retried.NextAttemptAt);
        Assert.True(await Portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "OutboxRetried" && a.CaseId == caseId)));

        await Smtp.StartAsync();
        Assert.Equal(1, (await Portal.DispatchAsync()).Sent);
        Assert.Equal("Case returned by quality assurance: Ben Lewis", Assert.Single(Smtp.To(Demo.Assessor)).Subject);
    }

    [Fact]
    public async Task AClaimedMessage_IsNotTakenByAnotherDispatcher_UntilItsClaimExpires()
    {
        var caseId = await Portal.CaseIdOfAsync(Demo.Apprentice);
        await Portal.NotifyAsync(n => n.PortfolioSubmittedAsync(caseId));
        var id = (await LatestAsync(NotificationKind.PortfolioSubmitted)).Id;
        var lockedUntil = Portal.Clock.GetUtcNow().AddMinutes(5);
        await Portal.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "other-instance/1/pass").SetProperty(m => m.LockedUntil, lockedUntil)));
        await Smtp.StartAsync();

        Assert.Equal(0, (await Portal.DispatchAsync()).Claimed);

        // The other instance died holding it: after the claim expires, this one sends it.
        Portal.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, (await Portal.DispatchAsync()).Sent);
        Assert.Single(Smtp.Received);
    }

    [Fact]
    public async Task ConcurrentDispatchers_SendEveryMessageExactlyOnce()
    {
        var caseIds = await Portal.WithDbAsync(db => db.Cases.Select(c => c.Id).ToListAsync());
        for (var round = 0; round < 4; round++)
        {
            await Portal.NotifyAsync(async n =>
            {
                foreach (var caseId in caseIds)
                {
                    await n.ResultReleasedAsync(caseId);
                }
            });
        }

        var queued = await Portal.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null && m.GaveUpAt == null));
        Assert.True(queued >= 20, $"only {queued} messages queued");
        await Smtp.StartAsync();

        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Portal.DispatchAsync)));
        while ((await Portal.DispatchAsync()).Claimed > 0)
        {
        }

        Assert.True(passes.Sum(p => p.Sent) > 0);
        Assert.Equal(queued, Smtp.Received.Count);
        Assert.Equal(queued, Smtp.Received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(0, await Portal.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)));
    }

    private Task<OutboxMessage> LatestAsync(NotificationKind kind) =>
        Portal.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).OrderByDescending(m => m.Id).FirstAsync());
}
