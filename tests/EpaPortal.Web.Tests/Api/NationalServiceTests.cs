using System.Net;
using System.Text.Json;
using EpaPortal.Domain.Cases;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Api.National;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace EpaPortal.Web.Tests.Api;

/// <summary>
/// Issue 23 item 4: after release an admin sends the EPA record and the certificate request to the national
/// apprenticeship assessment service (a WireMock.Net server standing in for its external API), sees each step's
/// state and the service's validation errors, and can try again; the client retries failures it may get over.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Collection(ApiWorldCollection.Name)]
public class NationalServiceTests(ApiWorld world)
{
    private WireMockServer Service => world.NationalService;

    [Fact]
    public async Task AReleasedMerit_IsLookedUp_RecordedAndCertificated_WithTheSubscriptionKey()
    {
        Reset();
        StubLearner(200);
        StubEpa(200, """[{"requestId":"r1","epaReference":"EPA-0001","validationErrors":[]}]""");
        StubCertificate("CERT-0001");
        using var admin = await world.Factory.SignInAsync(Demo.Admin);

        using var sent = await SendAsync(admin, world.A.CaseId);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var steps = await LatestAsync(world.A.CaseId);
        Assert.Equal(
            [NationalStep.LearnerLookup, NationalStep.EpaRecord, NationalStep.Certificate, NationalStep.CertificateSubmit],
            steps.Select(s => s.Step).ToArray());
        Assert.All(steps, s => Assert.Equal(NationalSubmissionStatus.Accepted, s.Status));
        Assert.Equal("EPA-0001", steps[1].Reference);
        Assert.Equal("CERT-0001", steps[3].Reference);

        var requests = Service.LogEntries.Select(e => e.RequestMessage).ToList();
        Assert.All(requests, r => Assert.Equal("test-subscription-key", r.Headers![HttpNationalAssessmentService.SubscriptionKeyHeader].Single()));
        Assert.Contains(requests, r => r.Path == $"/api/v1/learner/{world.A.Uln}/{world.A.FamilyName}/ST0128");
        var epa = JsonDocument.Parse(requests.Single(r => r.Path == "/api/v1/epa").Body!).RootElement[0];
        Assert.Equal("pass", epa.GetProperty("epaDetails").GetProperty("epas")[0].GetProperty("epaOutcome").GetString());
        var certificate = JsonDocument.Parse(requests.Single(r => r.Path == "/api/v1/certificate").Body!).RootElement[0];
        Assert.Equal("Merit", certificate.GetProperty("learningDetails").GetProperty("overallGrade").GetString());
        Assert.Equal("YO1 1AA", certificate.GetProperty("postalContact").GetProperty("postCode").GetString());
        Assert.DoesNotContain("CONFIDENTIAL", string.Concat(requests.Select(r => r.Body)), StringComparison.OrdinalIgnoreCase);

        var (page, document) = await admin.GetPageAsync($"/admin/national-service/{world.A.CaseId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("CERT-0001", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector("form[action$='/send']"));
    }

    [Fact]
    public async Task TheServicesValidationErrors_AreShown_AndSendingAgainResumesAtTheRefusedStep()
    {
        Reset();
        StubLearner(200);
        StubEpa(200, """[{"requestId":"r2","epaReference":null,"validationErrors":["EpaDate must not be before the learner's start date"]}]""");
        using var admin = await world.Factory.SignInAsync(Demo.Admin);

        using var refused = await SendAsync(admin, world.B.CaseId);
        var steps = await LatestAsync(world.B.CaseId);
        Assert.Equal(NationalSubmissionStatus.Rejected, steps.Single(s => s.Step == NationalStep.EpaRecord).Status);
        var (_, document) = await admin.GetPageAsync($"/admin/national-service/{world.B.CaseId}");
        Assert.Contains("EpaDate must not be before the learner's start date", document.Body!.TextContent, StringComparison.Ordinal);

        Service.ResetMappings();
        StubLearner(200);
        StubEpa(200, """[{"requestId":"r3","epaReference":"EPA-0002","validationErrors":[]}]""");
        StubCertificate("CERT-0002");
        using var again = await SendAsync(admin, world.B.CaseId);

        AllAccepted(await LatestAsync(world.B.CaseId));
        Assert.Single(Service.LogEntries, e => e.RequestMessage.Path.StartsWith("/api/v1/learner/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailuresAreRetried_AndAnUnreachableServiceLeavesTheStepToTryAgain()
    {
        Reset();
        var caseId = await ReleasedCaseAsync();

        // The service keeps failing: the client tries 1 + 2 retries, then the step is "not reached".
        StubLearner(503);
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        using var failed = await SendAsync(admin, caseId);
        Assert.Equal(NationalSubmissionStatus.Failed, (await LatestAsync(caseId)).Single().Status);
        Assert.Equal(3, Service.LogEntries.Count);

        // It fails once more, then answers: the client's own retry gets through, and the admin's try completes.
        Service.ResetMappings();
        Service.ResetLogEntries();
        Service.Given(Request.Create().WithPath(new WildcardMatcher("/api/v1/learner/*")).UsingGet()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(500));
        Service.Given(Request.Create().WithPath(new WildcardMatcher("/api/v1/learner/*")).UsingGet()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"learnerData":{"standard":{"standardCode":2,"standardReference":"ST0128"},"learner":{"uln":1,"familyName":"x"}}}"""));
        StubEpa(200, """[{"requestId":"r4","epaReference":"EPA-0003","validationErrors":[]}]""");
        StubCertificate("CERT-0003");
        using var again = await SendAsync(admin, caseId);

        AllAccepted(await LatestAsync(caseId));
        Assert.Equal(2, Service.LogEntries.Count(e => e.RequestMessage.Path.StartsWith("/api/v1/learner/", StringComparison.Ordinal)));
    }

    private static void AllAccepted(IReadOnlyList<NationalSubmission> steps) =>
        Assert.True(steps.All(s => s.Status == NationalSubmissionStatus.Accepted),
            string.Join("\n", steps.Select(s => $"{s.Step}: {s.Status} {s.Errors}")));

    private void Reset()
    {
        Service.ResetMappings();
        Service.ResetLogEntries();
        Service.ResetScenarios();
    }

    private void StubLearner(int status) =>
        Service.Given(Request.Create().WithPath(new WildcardMatcher("/api/v1/learner/*")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody(status == 200 ? """{"learnerData":{"standard":{"standardCode":2,"standardReference":"ST0128"},"learner":{"uln":1,"familyName":"x"}}}""" : "{}"));

    private void StubEpa(int status, string body) =>
        Service.Given(Request.Create().WithPath("/api/v1/epa").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private void StubCertificate(string reference)
    {
        var answer = $$$"""[{"requestId":"c","certificate":{"certificateData":{"certificateReference":"{{{reference}}}"},"status":{"currentStatus":"Draft"}},"validationErrors":[]}]""";
        Service.Given(Request.Create().WithPath("/api/v1/certificate").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(answer));
        Service.Given(Request.Create().WithPath("/api/v1/certificate/submit").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(answer.Replace("Draft", "Submitted", StringComparison.Ordinal)));
    }

    private static Task<HttpResponseMessage> SendAsync(PortalClient admin, int caseId) =>
        admin.SubmitFormAsync($"/admin/national-service/{caseId}", new Dictionary<string, string>(), "form[action$='/send']");

    /// <summary>Each step's latest submission, in the order of the steps.</summary>
    private Task<List<NationalSubmission>> LatestAsync(int caseId) =>
        world.Factory.WithDbAsync(async db => (await db.NationalSubmissions.AsNoTracking().Where(s => s.CaseId == caseId).ToListAsync())
            .GroupBy(s => s.Step).Select(g => g.OrderBy(s => s.Id).Last()).OrderBy(s => s.Step).ToList());

    private async Task<int> ReleasedCaseAsync()
    {
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var apprentice = await scenarios.CreateApprenticeAsync(world.AcmeId, null, "Charlie Zqapicharlie");
        return await scenarios.CreateAsync(apprentice.Id, CaseState.ResultReleased, new ScenarioOptions());
    }
}
