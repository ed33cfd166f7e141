using System.Net.Http.Headers;
using EpaPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Issue 10 item 2: every unsafe endpoint in the matrix (forms, uploads, Identity pages) refuses a request without
/// an antiforgery token with 400 and changes nothing; and no GET by anyone changes anything.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Collection(SecurityWorldCollection.Name)]
public class CsrfTests(SecurityWorld world, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryUnsafeEndpoint_WithoutAntiforgeryToken_Is400_AndChangesNothing()
    {
        var before = await world.FingerprintAsync();
        var wrong = new List<string>();
        var probed = 0;
        foreach (var row in AccessMatrix.Rows.Where(r => r.IsUnsafe && r.CsrfExempt is null))
        {
            var url = row.Url(world);
            var client = row.CsrfActor is { } actor ? world.Client(actor) : world.ApprenticeInProject;

            // The actor really may use the page (else a 400 would prove nothing about the token).
            using HttpContent content = row.Upload ? Multipart() : new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Reason"] = "csrf probe" });
            using var response = await client.Http.PostAsync(new Uri(url, UriKind.Relative), content);
            probed++;
            if ((int)response.StatusCode != Status.BadRequest)
            {
                wrong.Add($"POST {url} as {row.CsrfActor?.ToString() ?? "apprentice in project"} without a token: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        var after = await world.FingerprintAsync();
        output.WriteLine($"{probed} unsafe endpoints probed without a token.");
        Assert.True(probed > 60, $"Only {probed} unsafe endpoints probed.");
        Assert.True(wrong.Count == 0, $"{wrong.Count} unsafe endpoints accepted a request without a token:\n{string.Join("\n", wrong)}");
        Assert.True(SecurityWorld.Changes(before, after).Length == 0, $"Requests without a token changed data: {SecurityWorld.Changes(before, after)}");
    }

    [Fact]
    public async Task WithAToken_TheSameProbeIsNotRefusedAsForgery()
    {
        // The control for the test above: a correct token on a harmless form gets past the antiforgery check.
        var client = world.Client(Persona.AssessorA);
        var token = await world.TokenAsync(Persona.AssessorA);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var response = await client.Http.PostAsync(new Uri("/assessor/conflicts", UriKind.Relative), content);
        Assert.NotEqual(Status.BadRequest, (int)response.StatusCode);
    }

    [Fact]
    public async Task NoGet_ByAnyPersona_ChangesData()
    {
        var sweep = await world.SweepAsync();
        Assert.True(sweep.Results.Count > 500, $"Only {sweep.Results.Count} GETs were made.");
        Assert.True(SecurityWorld.Changes(sweep.Before, sweep.After).Length == 0, $"GETs changed data: {SecurityWorld.Changes(sweep.Before, sweep.After)}");

        // No GET is declared to write any more: the authenticator set-up, the last one, makes its key on a POST.
        Assert.DoesNotContain(AccessMatrix.Rows, r => r.WritesOnGet is not null);
        Assert.True(SecurityWorld.Changes(sweep.After, sweep.AfterAll).Length == 0, $"GETs changed data: {SecurityWorld.Changes(sweep.After, sweep.AfterAll)}");
    }

    private static MultipartFormDataContent Multipart()
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "files", "evidence.pdf");
        return content;
    }
}
