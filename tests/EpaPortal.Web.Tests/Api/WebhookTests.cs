using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Api.Webhooks;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace EpaPortal.Web.Tests.Api;

/// <summary>
/// Issue 23 item 3: an admin subscribes an organisation's receiver (the secret shown once); events are queued with
/// the change, signed with HMAC-SHA256 over "timestamp.body", retried with back-off after the receiver fails, logged
/// and resendable; the body names the event and the registration, nothing confidential. The receiver is a
/// WireMock.Net server on loopback that checks the signature as an organisation's system would.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Collection(ApiWorldCollection.Name)]
public class WebhookTests(ApiWorld world)
{
    [Fact]
    public async Task AReleasedResult_IsDeliveredSigned_RetriedAfterAFailure_AndCarriesNothingConfidential()
    {
        using var receiver = WireMockServer.Start();
        receiver.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        var (subscriptionId, secret) = await SubscribeAsync(admin, world.AcmeId, receiver.Urls[0] + "/hooks", WebhookEvents.ResultReleased);

        await RaiseResultReleasedAsync(world.A.CaseId);
        await RaiseResultReleasedAsync(world.B.CaseId); // Northwind's: not for Acme's receiver.
        var dispatcher = world.Factory.Services.GetRequiredService<WebhookDispatcher>();

        var first = await dispatcher.DispatchDueAsync();
        Assert.Equal((1, 0, 1), (first.Claimed, first.Sent, first.Failed));
        var failed = await DeliveryAsync(subscriptionId);
        Assert.Equal((1, 503), (failed.Attempts, failed.LastStatusCode));
        Assert.Null(failed.DeliveredAt);

        // Not again before the back-off has passed; then again, and the receiver is back.
        Assert.Equal(0, (await dispatcher.DispatchDueAsync()).Claimed);
        receiver.ResetMappings();
        receiver.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        world.Factory.Clock.Advance(OutboxDispatcher.RetryDelay(1, world.Factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Outbox) + TimeSpan.FromSeconds(1));
        var second = await dispatcher.DispatchDueAsync();
        Assert.Equal((1, 1, 0), (second.Claimed, second.Sent, second.Failed));
        var delivered = await DeliveryAsync(subscriptionId);
        Assert.Equal(2, delivered.Attempts);
        Assert.NotNull(delivered.DeliveredAt);

        var requests = receiver.LogEntries.Select(e => e.RequestMessage).ToList();
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            var body = request.Body!;
            var timestamp = Header(request, WebhookSignature.TimestampHeader);
            var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
            Assert.Equal(expected, Header(request, WebhookSignature.SignatureHeader));
            Assert.Equal(WebhookEvents.ResultReleased, Header(request, WebhookSignature.EventHeader));

            var json = JsonDocument.Parse(body).RootElement;
            Assert.Equal(world.A.CaseId, json.GetProperty("data").GetProperty("registrationId").GetInt32());
            foreach (var forbidden in new[] { "Merit", "CONFIDENTIAL", world.A.Uln, world.A.FamilyName, "grade" })
            {
                Assert.DoesNotContain(forbidden, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The same event on both tries (receivers ignore duplicates by it); a tampered body does not verify.
        Assert.Single(requests.Select(r => Header(r, WebhookSignature.DeliveryHeader)).Distinct());
        Assert.False(WebhookSignature.Verify(secret, Header(requests[1], WebhookSignature.TimestampHeader), Header(requests[1], WebhookSignature.SignatureHeader),
            requests[1].Body!.Replace("result", "RESULT", StringComparison.Ordinal), world.Factory.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task TheAdmin_SeesEachDelivery_AndCanSendItAgain()
    {
        using var receiver = WireMockServer.Start();
        receiver.Given(Request.Create().WithPath("/events").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        var (subscriptionId, _) = await SubscribeAsync(admin, world.NorthwindId, receiver.Urls[0] + "/events", WebhookEvents.AppealDecided);
        await RaiseAsync(world.B.CaseId, WebhookEvents.AppealDecided);
        await world.Factory.Services.GetRequiredService<WebhookDispatcher>().DispatchDueAsync();
        var delivery = await DeliveryAsync(subscriptionId);
        Assert.NotNull(delivery.DeliveredAt);

        var (page, document) = await admin.GetPageAsync($"/admin/webhooks/{subscriptionId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Appeal decided", document.Body!.TextContent, StringComparison.Ordinal);

        using var resend = await admin.SubmitFormAsync($"/admin/webhooks/{subscriptionId}", new Dictionary<string, string>(), $"form[action='/admin/webhooks/deliveries/{delivery.Id}/resend']");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        await world.Factory.Services.GetRequiredService<WebhookDispatcher>().DispatchDueAsync();
        Assert.Equal(2, (await DeliveryAsync(subscriptionId)).Attempts);
        Assert.Equal(2, receiver.LogEntries.Count);
    }

    [Fact]
    public async Task ASubscription_NeedsAnHttpsAddressAndAnEvent_AndKeepsWhatWasTyped()
    {
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        using var response = await admin.SubmitFormAsync("/admin/webhooks", new Dictionary<string, string>
        {
            ["Input.OrganisationId"] = world.AcmeId.ToString(CultureInfo.InvariantCulture),
            ["Input.Url"] = "ftp://user:pw@example.org/typed-address",
        }, "#webhook-form");
        var document = await PortalClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a full HTTPS address", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose at least one event.", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ftp://user:pw@example.org/typed-address", document.QuerySelector("#Input_Url")?.GetAttribute("value"));
        Assert.Null(document.QuerySelector("#shown-secret"));
    }

    private static string Header(WireMock.IRequestMessage request, string name) =>
        request.Headers!.Single(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.Single();

    private static async Task<(int Id, string Secret)> SubscribeAsync(PortalClient admin, int organisationId, string url, string eventType)
    {
        using var response = await admin.SubmitFormAsync("/admin/webhooks", new Dictionary<string, string>
        {
            ["Input.OrganisationId"] = organisationId.ToString(CultureInfo.InvariantCulture),
            ["Input.Url"] = url,
            ["Input.Events"] = eventType,
        }, "#webhook-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await PortalClient.ParseAsync(response);
        var id = int.Parse(document.QuerySelector("#shown-id")!.TextContent, CultureInfo.InvariantCulture);
        return (id, document.QuerySelector("#shown-secret-value")!.TextContent);
    }

    private Task RaiseResultReleasedAsync(int caseId) =>
        WithScopeAsync(async (services, db) =>
        {
            await services.GetRequiredService<Notifier>().ResultReleasedAsync(caseId);
            await db.SaveChangesAsync();
        });

    private Task RaiseAsync(int caseId, string eventType) =>
        WithScopeAsync(async (services, db) =>
        {
            await services.GetRequiredService<WebhookOutbox>().QueueAsync(caseId, eventType);
            await db.SaveChangesAsync();
        });

    private async Task WithScopeAsync(Func<IServiceProvider, PortalDbContext, Task> work)
    {
        await using var scope = world.Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private Task<WebhookDelivery> DeliveryAsync(int subscriptionId) =>
        world.Factory.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.SubscriptionId == subscriptionId));
}
