using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Api.Clients;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Performance;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace EpaPortal.Web.Tests.Api;

/// <summary>The portal for the API tests: SQL commands recorded per request, webhooks allowed over http (the test
/// receiver is on loopback), and the national service pointed at a WireMock.Net server standing in for it.</summary>
public sealed class ApiPortalFactory(string nationalServiceUrl) : PortalFactory
{
    public CommandRecorder Commands { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Api:Webhooks:AllowInsecureHttp", "true");
        builder.UseSetting("Api:RequestsPerMinute", "100000");
        builder.UseSetting("Api:TokenRequestsPerMinute", "100000");
        builder.UseSetting("NationalService:BaseUrl", nationalServiceUrl);
        builder.UseSetting("NationalService:SubscriptionKey", "test-subscription-key");
        builder.UseSetting("NationalService:Retries", "2");
        builder.UseSetting("NationalService:RetryDelayMilliseconds", "10");
        builder.ConfigureServices(services => services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(Commands)));
    }
}

/// <summary>One API client's credentials as the admin handed them over.</summary>
public sealed record ClientCredentials(string ClientId, string Secret, int OrganisationId);

/// <summary>What a case carries that one organisation's client must never read through another's eyes.</summary>
public sealed record ApiCase(int CaseId, int ApprenticeId, string Uln, string FamilyName, string Tag);

/// <summary>
/// Two organisations (Acme and Northwind) with cases in the states the API distinguishes: Acme's released Merit
/// (A), Acme's graded and QA-approved but unreleased Distinction (U), Northwind's released case (B). Each case's
/// confidential notes carry its tag; the unreleased one's released-with-the-grade rationale too, so a body that
/// shows it shows an unreleased grade. Clients: Acme with every scope, Acme read-only, Northwind with every scope.
/// </summary>
public sealed class ApiWorld : IAsyncLifetime
{
    public WireMockServer NationalService { get; } = WireMockServer.Start();

    public ApiPortalFactory Factory { get; private set; } = null!;

    public ApiCase A { get; private set; } = null!;

    public ApiCase Unreleased { get; private set; } = null!;

    public ApiCase B { get; private set; } = null!;

    public int AcmeId { get; private set; }

    public int NorthwindId { get; private set; }

    public ClientCredentials AcmeAll { get; private set; } = null!;

    public ClientCredentials AcmeReadOnly { get; private set; } = null!;

    public ClientCredentials NorthwindAll { get; private set; } = null!;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task InitializeAsync()
    {
        Factory = new ApiPortalFactory(NationalService.Urls[0]);
        _ = Factory.Server;
        (AcmeId, NorthwindId) = await Factory.WithDbAsync(async db => (
            (await db.Organisations.SingleAsync(o => o.Name == DemoDataSeeder.Acme)).Id,
            (await db.Organisations.SingleAsync(o => o.Name == DemoDataSeeder.Northwind)).Id));
        A = await CreateCaseAsync(AcmeId, "Alfa Zqapialpha", "ZQAPIA", CaseState.ResultReleased, new ScenarioOptions());
        Unreleased = await CreateCaseAsync(AcmeId, "Uniform Zqapiuniform", "ZQAPIU", CaseState.IqaApproved,
            new ScenarioOptions { What = AreaLevel.Above, How = AreaLevel.Above, WithWhom = AreaLevel.Above, RationaleMarker = "ZQAPIU-UNRELEASED-RATIONALE" });
        B = await CreateCaseAsync(NorthwindId, "Bravo Zqapibravo", "ZQAPIB", CaseState.ResultReleased, new ScenarioOptions());
        AcmeAll = await AddClientAsync(AcmeId, "Acme MIS", "read", "register", "upload");
        AcmeReadOnly = await AddClientAsync(AcmeId, "Acme reports", "read");
        NorthwindAll = await AddClientAsync(NorthwindId, "Northwind MIS", "read", "register", "upload");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        NationalService.Stop();
        NationalService.Dispose();
        return Task.CompletedTask;
    }

    public async Task<ClientCredentials> AddClientAsync(int organisationId, string name, params string[] scopes)
    {
        var secret = ApiClientSecrets.NewSecret();
        var clientId = ApiClientSecrets.NewClientId();
        await Factory.WithDbAsync(async db =>
        {
            db.ApiClients.Add(new ApiClient(clientId, name, organisationId, scopes, ApiClientSecrets.Hash(secret), Factory.Clock.GetUtcNow(), "test"));
            await db.SaveChangesAsync();
        });
        return new ClientCredentials(clientId, secret, organisationId);
    }

    private async Task<ApiCase> CreateCaseAsync(int organisationId, string name, string tag, CaseState state, ScenarioOptions options)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var apprentice = await scenarios.CreateApprenticeAsync(organisationId, PortalFactory.DemoPassword, name);
        var caseId = await scenarios.CreateAsync(apprentice.Id, state, options with { ConfidentialMarker = $"{tag}-CONFIDENTIAL" });
        return new ApiCase(caseId, apprentice.Id, apprentice.Uln, apprentice.FamilyName, tag);
    }

    /// <summary>POST /api/oauth/token with the client's id and secret in the form.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string? scope = null)
    {
        using var http = Factory.CreateClient();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return await http.PostAsync(new Uri("/api/oauth/token", UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>An HTTP client carrying a fresh access token of <paramref name="client"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(ClientCredentials client, string? scope = null)
    {
        using var response = await RequestTokenAsync(client.ClientId, client.Secret, scope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A GET with its SQL commands (the request's own, the audit entry included).</summary>
    public async Task<(HttpResponseMessage Response, string Body, IReadOnlyList<RecordedCommand> Commands)> ProbeAsync(HttpClient http, HttpMethod method, string url, HttpContent? content = null)
    {
        var probe = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
        request.Headers.Add(CommandRecorder.Header, probe);
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response, body, Factory.Commands.Take(probe));
    }
}

[CollectionDefinition(Name)]
public sealed class ApiWorldCollection : ICollectionFixture<ApiWorld>
{
    public const string Name = "API world";
}
