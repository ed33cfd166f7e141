using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EpaPortal.TestSupport;
using EpaPortal.Web.Features.Api;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Api;

/// <summary>
/// Issue 23: the API's scopes, organisation isolation (another organisation's apprentice or case: 404), nothing
/// confidential or unreleased in any response, problem details on bad input, ETags, the audit of every call, and
/// the SQL budget of each endpoint.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Collection(ApiWorldCollection.Name)]
public class ApiAccessTests(ApiWorld world)
{
    private const string ProblemJson = "application/problem+json";

    [Fact]
    public async Task Token_WithAWrongSecret_IsInvalidClient()
    {
        using var response = await world.RequestTokenAsync(world.AcmeAll.ClientId, world.AcmeAll.Secret + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Token_ForAScopeTheClientDoesNotHold_IsInvalidScope()
    {
        using var response = await world.RequestTokenAsync(world.AcmeReadOnly.ClientId, world.AcmeReadOnly.Secret, "read register");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task NoToken_ASignedInAdminsCookie_OrAForgedToken_Are401ProblemDetails()
    {
        using var anonymous = world.Factory.CreateClient();
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        using var forged = world.Factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJjbGllbnRfaWQiOiJ4In0.");

        foreach (var http in new[] { anonymous, admin.Http, forged })
        {
            using var response = await http.GetAsync(new Uri("/api/v1/registrations", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task EachEndpoint_NeedsItsScope()
    {
        using var readOnly = await world.ApiClientAsync(world.AcmeReadOnly);
        using var readToken = await world.ApiClientAsync(world.AcmeAll, "read");

        foreach (var http in new[] { readOnly, readToken })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/v1/apprentices", UriKind.Relative))).StatusCode);
            var refused = new[]
            {
                await http.PostAsJsonAsync(new Uri("/api/v1/apprentices", UriKind.Relative), new { uln = world.A.Uln }),
                await http.PostAsJsonAsync(new Uri("/api/v1/registrations", UriKind.Relative), new { uln = world.A.Uln, standard = "ST0128", version = "1.0" }),
                await http.PutAsJsonAsync(new Uri($"/api/v1/apprentices/{world.A.ApprenticeId}", UriKind.Relative), new { givenNames = "X" }),
                await http.PostAsync(new Uri($"/api/v1/registrations/{world.A.CaseId}/gateway-evidence", UriKind.Relative), new MultipartFormDataContent()),
            };
            Assert.All(refused, r =>
            {
                Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
                Assert.Equal(ProblemJson, r.Content.Headers.ContentType?.MediaType);
            });
        }
    }

    [Fact]
    public async Task AnotherOrganisationsApprenticeAndCase_Are404_OnEveryEndpoint()
    {
        using var acme = await world.ApiClientAsync(world.AcmeAll);
        using var northwind = await world.ApiClientAsync(world.NorthwindAll);

        foreach (var (http, other) in new[] { (acme, world.B), (northwind, world.A) })
        {
            var responses = new[]
            {
                await http.GetAsync(new Uri($"/api/v1/apprentices/{other.ApprenticeId}", UriKind.Relative)),
                await http.PutAsJsonAsync(new Uri($"/api/v1/apprentices/{other.ApprenticeId}", UriKind.Relative), new { givenNames = "Mallory", familyName = "Other", email = "m@example.com" }),
                await http.GetAsync(new Uri($"/api/v1/registrations/{other.CaseId}", UriKind.Relative)),
                await http.GetAsync(new Uri($"/api/v1/registrations/{other.CaseId}/result", UriKind.Relative)),
                await Upload(http, other.CaseId),
            };
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));

            var lists = await http.GetStringAsync(new Uri($"/api/v1/apprentices?uln={other.Uln}", UriKind.Relative))
                + await http.GetStringAsync(new Uri($"/api/v1/registrations?uln={other.Uln}", UriKind.Relative))
                + await http.GetStringAsync(new Uri("/api/v1/registrations?limit=200", UriKind.Relative));
            Assert.DoesNotContain(other.Uln, lists, StringComparison.Ordinal);
            Assert.DoesNotContain(other.FamilyName, lists, StringComparison.Ordinal);

            using var register = await http.PostAsJsonAsync(new Uri("/api/v1/registrations", UriKind.Relative), new { uln = other.Uln, standard = "ST0128", version = "1.0" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, register.StatusCode);
        }
    }

    [Fact]
    public async Task NoResponse_CarriesConfidentialNotes_UnreleasedGrades_OrAnotherOrganisationsData()
    {
        using var acme = await world.ApiClientAsync(world.AcmeAll);
        var urls = new List<string>
        {
            "/api/v1/apprentices?limit=200",
            "/api/v1/registrations?limit=200",
            $"/api/v1/registrations?status=IqaApproved",
        };
        foreach (var c in new[] { world.A, world.Unreleased })
        {
            urls.Add($"/api/v1/apprentices/{c.ApprenticeId}");
            urls.Add($"/api/v1/registrations/{c.CaseId}");
            urls.Add($"/api/v1/registrations/{c.CaseId}/result");
        }

        var bodies = new StringBuilder();
        foreach (var url in urls)
        {
            using var response = await acme.GetAsync(new Uri(url, UriKind.Relative));
            bodies.Append(url).Append(' ').Append((int)response.StatusCode).Append(' ').Append(await response.Content.ReadAsStringAsync()).Append('\n');
        }

        var all = bodies.ToString();
        foreach (var forbidden in new[] { "CONFIDENTIAL", "UNRELEASED-RATIONALE", "Distinction", world.B.Tag, world.B.Uln })
        {
            Assert.DoesNotContain(forbidden, all, StringComparison.OrdinalIgnoreCase);
        }

        // The released result is there (so the check above looked at real answers); the unreleased one is not.
        Assert.Contains("\"grade\":\"Merit\"", all, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/registrations/{world.Unreleased.CaseId}/result 404", all, StringComparison.Ordinal);
        using var unreleased = await acme.GetAsync(new Uri($"/api/v1/registrations/{world.Unreleased.CaseId}", UriKind.Relative));
        var dates = (await unreleased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dates");
        Assert.Equal(JsonValueKind.Null, dates.GetProperty("resultReleasedAt").ValueKind);
    }

    [Fact]
    public async Task BadInput_GetsProblemDetails_NeverAServerError()
    {
        using var acme = await world.ApiClientAsync(world.AcmeAll);
        var bodies = new[]
        {
            "", "null", "[]", "{", "\"text\"", "{\"uln\":12}", "{\"uln\":\"1234567890\"}", "{\"uln\":\"' OR 1=1 --\"}",
            "{\"uln\":\"" + new string('9', 5000) + "\"}", "{\"startDate\":\"31/12/2024\"}", "{\"startDate\":\"2999-01-01\"}",
            "{\"givenNames\":\"<script>alert(1)</script>\",\"familyName\":\"\\u0000\",\"email\":\"not-an-email\"}",
            "{\"employerOrganisationId\":-1}", "{\"standard\":\"../../etc\",\"version\":\"" + new string('x', 300) + "\"}",
        };
        var wrong = new List<string>();
        foreach (var (method, url) in new[] { (HttpMethod.Post, "/api/v1/apprentices"), (HttpMethod.Post, "/api/v1/registrations"), (HttpMethod.Put, $"/api/v1/apprentices/{world.A.ApprenticeId}") })
        {
            foreach (var body in bodies)
            {
                using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");
                using var response = await acme.SendAsync(request);
                if ((int)response.StatusCode is not (400 or 412 or 422 or 428) || response.Content.Headers.ContentType?.MediaType != ProblemJson)
                {
                    wrong.Add($"{method} {url} {body[..Math.Min(40, body.Length)]}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
                }
            }
        }

        foreach (var url in new[] { "/api/v1/apprentices?cursor=%%%", "/api/v1/apprentices?limit=0", "/api/v1/apprentices?limit=1000", "/api/v1/registrations?status=Nope", "/api/v1/registrations?cursor=djE6LTE", "/api/v1/nothing-here" })
        {
            using var response = await acme.GetAsync(new Uri(url, UriKind.Relative));
            if ((int)response.StatusCode is not (400 or 404) || response.Content.Headers.ContentType?.MediaType != ProblemJson)
            {
                wrong.Add($"GET {url}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }
        }

        using var xml = await acme.PostAsync(new Uri("/api/v1/apprentices", UriKind.Relative), new StringContent("<a/>", Encoding.UTF8, "application/xml"));
        Assert.True(xml.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{(int)xml.StatusCode} {await xml.Content.ReadAsStringAsync()}");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task CreateApprentice_ChecksTheUln_ThenRegisters_AndRefusesADuplicate()
    {
        using var acme = await world.ApiClientAsync(world.AcmeAll);
        var uln = await NewUlnAsync();
        var wrongChecksum = uln[..9] + (char)('0' + ((uln[9] - '0' + 1) % 10));

        using var invalid = await acme.PostAsJsonAsync(new Uri("/api/v1/apprentices", UriKind.Relative), Apprentice(wrongChecksum));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("uln", out _));

        using var created = await acme.PostAsJsonAsync(new Uri("/api/v1/apprentices", UriKind.Relative), Apprentice(uln));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.Location);
        Assert.NotNull(created.Headers.ETag);
        var apprentice = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(world.AcmeId, apprentice.GetProperty("employerOrganisationId").GetInt32());

        using var duplicate = await acme.PostAsJsonAsync(new Uri("/api/v1/apprentices", UriKind.Relative), Apprentice(uln));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        var (reference, version) = await world.Factory.WithDbAsync(db => db.StandardVersions.OrderBy(v => v.Id).Select(v => new { v.Standard!.Reference, v.Version }).FirstAsync()).ContinueWith(t => (t.Result.Reference, t.Result.Version));
        using var registered = await acme.PostAsJsonAsync(new Uri("/api/v1/registrations", UriKind.Relative), new { uln, standard = reference, version });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var registration = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(uln, registration.GetProperty("uln").GetString());
        Assert.Equal("Registered", registration.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Update_NeedsTheCurrentETag()
    {
        using var acme = await world.ApiClientAsync(world.AcmeAll);
        using var created = await acme.PostAsJsonAsync(new Uri("/api/v1/apprentices", UriKind.Relative), Apprentice(await NewUlnAsync()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var etag = created.Headers.ETag!.Tag;
        var change = new { givenNames = "Renamed", familyName = "Zqapietag", email = "renamed@example.com" };

        using var noIfMatch = await acme.PutAsJsonAsync(new Uri($"/api/v1/apprentices/{id}", UriKind.Relative), change);
        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Put(acme, id, "\"0000\"", change)).StatusCode);
        using var ok = await Put(acme, id, etag, change);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(etag, ok.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Put(acme, id, etag, change)).StatusCode);
    }

    [Fact]
    public async Task EveryCall_IsAudited_WithClientEndpointAndStatus()
    {
        using var acme = await world.ApiClientAsync(world.AcmeReadOnly);
        using var response = await acme.GetAsync(new Uri($"/api/v1/registrations/{world.B.CaseId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // Saved in the background, off the request: within a few seconds.
        var expected = $"GET /api/v1/registrations/{world.B.CaseId} → 404";
        var actor = ApiAuthentication.ActorId(world.AcmeReadOnly.ClientId);
        var found = false;
        for (var i = 0; i < 100 && !found; i++)
        {
            found = await world.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().AnyAsync(a => a.Action == ApiAudit.Action && a.ActorId == actor && a.Details == expected));
            if (!found)
            {
                await Task.Delay(50);
            }
        }

        Assert.True(found, $"No audit entry '{expected}' by {actor}.");
    }

    [Fact]
    public async Task ADisabledClient_GetsNoTokenAndItsTokensStopWorking()
    {
        var client = await world.AddClientAsync(world.AcmeId, "Soon disabled", "read");
        using var http = await world.ApiClientAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/v1/apprentices", UriKind.Relative))).StatusCode);

        await world.Factory.WithDbAsync(async db =>
        {
            var row = await db.ApiClients.SingleAsync(c => c.ClientId == client.ClientId);
            row.Disable(world.Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        world.Factory.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/api/v1/apprentices", UriKind.Relative))).StatusCode);
        using var token = await world.RequestTokenAsync(client.ClientId, client.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }

    [Fact]
    [Trait(Category.Name, Category.Performance)]
    public async Task EveryGet_IssuesAtMostFiveCommands_AndEveryPost_AtMostTwelve()
    {
        using var acme = await world.ApiClientAsync(world.AcmeAll);
        var over = new List<string>();
        foreach (var url in new[]
        {
            "/api/v1/apprentices", $"/api/v1/apprentices/{world.A.ApprenticeId}", "/api/v1/registrations?status=ResultReleased",
            $"/api/v1/registrations/{world.A.CaseId}", $"/api/v1/registrations/{world.A.CaseId}/result",
        })
        {
            await acme.GetAsync(new Uri(url, UriKind.Relative));
            var (response, _, commands) = await world.ProbeAsync(acme, HttpMethod.Get, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (commands.Count > 5)
            {
                over.Add($"GET {url}: {commands.Count} commands\n  {string.Join("\n  ", commands.Select(c => c.Sql.Split('\n')[0]))}");
            }
        }

        var uln = await NewUlnAsync();
        var (created, _, createCommands) = await world.ProbeAsync(acme, HttpMethod.Post, "/api/v1/apprentices", JsonContent.Create(Apprentice(uln)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var version = await world.Factory.WithDbAsync(db => db.StandardVersions.OrderBy(v => v.Id).Select(v => new { v.Standard!.Reference, v.Version }).FirstAsync());
        var (registered, _, registerCommands) = await world.ProbeAsync(acme, HttpMethod.Post, "/api/v1/registrations", JsonContent.Create(new { uln, standard = version.Reference, version = version.Version }));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        foreach (var (name, commands) in new[] { ("POST apprentices", createCommands), ("POST registrations", registerCommands) })
        {
            if (commands.Count > 12)
            {
                over.Add($"{name}: {commands.Count} commands\n  {string.Join("\n  ", commands.Select(c => c.Sql.Split('\n')[0]))}");
            }
        }

        Assert.True(over.Count == 0, string.Join("\n", over));
    }

    private static object Apprentice(string uln) => new
    {
        uln,
        givenNames = "Api",
        familyName = "Zqapicreated",
        email = $"api-{uln}@example.com",
        startDate = "2025-09-01",
    };

    private static Task<HttpResponseMessage> Put(HttpClient http, int id, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/apprentices/{id}", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Upload(HttpClient http, int caseId)
    {
        var content = new MultipartFormDataContent { { new StringContent("english"), "slot" }, { new ByteArrayContent("%PDF-1.4 test"u8.ToArray()), "file", "english.pdf" } };
        return http.PostAsync(new Uri($"/api/v1/registrations/{caseId}/gateway-evidence", UriKind.Relative), content);
    }

    private async Task<string> NewUlnAsync()
    {
        await using var scope = world.Factory.Services.CreateAsyncScope();
        return await new TestScenarios(scope.ServiceProvider).NewUlnAsync();
    }
}
