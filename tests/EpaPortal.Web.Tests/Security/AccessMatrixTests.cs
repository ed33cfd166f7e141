using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Issue 10 item 1: every endpoint has a row in <see cref="AccessMatrix"/>, and every row holds for every
/// persona — the status, no marker of anyone else's data (or of confidential notes) in the body, and no
/// caching of anything a signed-in person sees.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Collection(SecurityWorldCollection.Name)]
public class AccessMatrixTests(SecurityWorld world, ITestOutputHelper output)
{
    [Fact]
    public void EveryEndpoint_HasOneRow_AndEveryRow_AnEndpoint()
    {
        var endpoints = Endpoints(world).ToHashSet(StringComparer.Ordinal);
        var rows = AccessMatrix.Rows.Select(r => r.Key).ToList();

        var duplicates = rows.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = endpoints.Where(e => !rows.Contains(e, StringComparer.Ordinal)).Order(StringComparer.Ordinal)
            .Select(e => $"{e}    [{DisplayNames(world).GetValueOrDefault(e)}]").ToList();
        var stale = rows.Where(r => !endpoints.Contains(r)).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0 && duplicates.Count == 0,
            $"Endpoints without a row in AccessMatrix:\n  {string.Join("\n  ", missing)}\nRows without an endpoint:\n  {string.Join("\n  ", stale)}\nDuplicate rows:\n  {string.Join("\n  ", duplicates)}");
        Assert.True(endpoints.Count > 100, $"Only {endpoints.Count} endpoints found: is the enumeration broken?");
    }

    [Fact]
    public async Task EveryGetRow_AnswersEachPersona_AsDeclared()
    {
        var sweep = await world.SweepAsync();
        var wrong = new List<string>();
        foreach (var result in sweep.Results)
        {
            var expected = result.Row.ExpectedGet(result.Persona);
            if (result.Status != expected)
            {
                wrong.Add($"{result.Row.Key} as {result.Persona} ({result.Url}): expected {expected}, got {result.Status} {result.Location}");
            }
            else if (result.Persona == Persona.Anonymous && result.Row.Gate is not (Gate.Anyone or Gate.ApiClient)
                && !(result.Location ?? string.Empty).Contains("/Identity/Account/Login", StringComparison.Ordinal))
            {
                wrong.Add($"{result.Row.Key} as anonymous: redirected to {result.Location}, not to sign in");
            }
        }

        output.WriteLine($"{sweep.Results.Count} GET requests over {sweep.Results.Select(r => r.Row).Distinct().Count()} rows.");
        Assert.True(wrong.Count == 0, $"{wrong.Count} responses differ from the matrix:\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public async Task NoPage_ShowsAnyoneElsesData_OrConfidentialNotes()
    {
        var sweep = await world.SweepAsync();
        var leaks = new List<string>();
        foreach (var result in sweep.Results)
        {
            foreach (var marker in world.ForbiddenMarkers(result.Persona))
            {
                if (result.Body.Contains(marker, StringComparison.OrdinalIgnoreCase) || (result.Location ?? string.Empty).Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{result.Url} as {result.Persona} ({result.Status}) shows '{marker}'");
                }
            }
        }

        // The markers are really there for the people who may see them (or the check above proves nothing).
        Assert.Contains(sweep.Results, r => r.Persona == Persona.EmployerA && r.Body.Contains(world.A.Shared[2], StringComparison.Ordinal));
        Assert.Contains(sweep.Results, r => r.Persona == Persona.AssessorA && r.Body.Contains(world.A.Confidential[0], StringComparison.Ordinal));
        Assert.Contains(sweep.Results, r => r.Persona == Persona.ApprenticeA && r.Body.Contains(world.A.Shared[0], StringComparison.Ordinal));
        Assert.Contains(sweep.Results, r => r.Persona == Persona.ProviderA && r.Row.Pattern.StartsWith("provider/cases/", StringComparison.Ordinal) && r.Body.Contains(world.A.Shared[0], StringComparison.Ordinal));
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks:\n{string.Join("\n", leaks)}");
    }

    [Fact]
    public async Task EverythingASignedInPersonSees_IsNotStored()
    {
        var sweep = await world.SweepAsync();
        var cached = sweep.Results
            .Where(r => r.Persona != Persona.Anonymous && r.Status == Status.Ok && !r.NoStore)
            .Select(r => $"{r.Url} as {r.Persona} ({r.MediaType})")
            .ToList();

        // Downloads are among them (a file and the results export).
        Assert.Contains(sweep.Results, r => r.Row.Pattern == "evidence/files/{id:guid}" && r.Status == Status.Ok && r.NoStore);
        Assert.Contains(sweep.Results, r => r.Row.Pattern == "admin/results/export.csv" && r.Status == Status.Ok && r.NoStore);
        Assert.True(cached.Count == 0, $"Responses to signed-in people without Cache-Control: no-store:\n{string.Join("\n", cached)}");
    }

    [Fact]
    public async Task EveryPostRow_RefusesEveryoneButItsActors_AndChangesNothing()
    {
        var tokens = new Dictionary<Persona, string>();
        foreach (var persona in SecurityWorld.All)
        {
            tokens[persona] = await world.TokenAsync(persona);
        }

        var before = await world.FingerprintAsync();
        var wrong = new List<string>();
        var sent = 0;
        foreach (var row in AccessMatrix.Rows.Where(r => r.Methods == "POST"))
        {
            var url = row.Url(world);
            foreach (var persona in SecurityWorld.All.Where(p => !row.Actors.Contains(p)))
            {
                var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = tokens[persona] };
                using var content = new FormUrlEncodedContent(fields);
                using var response = await world.Client(persona).Http.PostAsync(new Uri(url, UriKind.Relative), content);
                sent++;
                var expected = row.ExpectedRefusal(persona);
                if ((int)response.StatusCode != expected)
                {
                    wrong.Add($"POST {url} as {persona}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        var after = await world.FingerprintAsync();
        output.WriteLine($"{sent} refused POSTs.");
        Assert.True(wrong.Count == 0, $"{wrong.Count} POSTs not refused as declared:\n{string.Join("\n", wrong)}");
        Assert.True(SecurityWorld.Changes(before, after).Length == 0, $"Refused POSTs changed data: {SecurityWorld.Changes(before, after)}");
    }

    private static Dictionary<string, string> DisplayNames(SecurityWorld world)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = world.Factory.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            names.TryAdd(EndpointKeys.Of(endpoint), $"{endpoint.DisplayName}; {string.Join(", ", endpoint.Metadata.Select(m => m.GetType().Name).Distinct())}");
        }

        return names;
    }

    /// <summary>Every routable endpoint as "METHODS pattern" (static files left out: they are public by design).</summary>
    public static IEnumerable<string> Endpoints(SecurityWorld world) =>
        EndpointKeys.Routable(world.Factory.Services.GetRequiredService<EndpointDataSource>()).Select(EndpointKeys.Of);
}
