using System.Globalization;
using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Gateway;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Provider;

/// <summary>
/// The training provider's last two steps (issue 19): it uploads gateway evidence through the employer's gateway
/// upload path while the gateway is being prepared (the employer's form offers the file; the employer and the admin
/// see who uploaded it), and after a released Fail it agrees a re-sit or a re-take (a re-take with its supportive
/// action plan), which the admin's plan of the next attempt then needs.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class ProviderEvidenceAndNextAttemptTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OtherProviderEmail = "tutor@aire.test";

    [Fact]
    public async Task ProviderUploadsEnglishEvidence_TheEmployersFormOffersIt_AndTheAdminSeesWhoUploadedIt()
    {
        var caseId = await CaseAsync(CaseState.Registered, await PennineAsync());
        await EmployerScenario.SubmitPortfolioAsync(factory, caseId);
        await EmployerScenario.ConfirmPortfolioAsync(factory, caseId);
        await EmployerScenario.SubmitReferenceAsync(factory, caseId);
        using var provider = await factory.SignInAsync(Demo.Provider);
        var providerPage = $"/provider/cases/{caseId}";

        using var uploaded = await GatewayForm.PostToAsync(provider, $"{providerPage}/gateway/evidence", providerPage, new Dictionary<string, string>(), [new SlotFile("english", "gcse-english.pdf", Files.Pdf())]);

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var providerId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Provider).Select(u => u.Id).SingleAsync());
        var file = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.CaseId == caseId && f.OriginalFileName == "gcse-english.pdf"));
        Assert.Equal((FilePurpose.EnglishMathsEvidence, "english", providerId), (file.Purpose, file.GatewaySlot, file.UploadedById));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == caseId && a.Action == "GatewayFileUploaded" && a.ActorId == providerId)));
        var (_, afterUpload) = await provider.GetPageAsync(providerPage);
        Assert.Contains("gcse-english.pdf", afterUpload.QuerySelector("#gateway-evidence-files tr[data-slot='english']")!.TextContent, StringComparison.Ordinal);

        // The employer's form offers the provider's file, saying who uploaded it; submitted without uploading it again.
        using var employer = await factory.SignInAsync(Demo.Employer);
        var (_, form) = await employer.GetPageAsync(GatewayForm.Url(caseId));
        Assert.Contains("gcse-english.pdf", form.QuerySelector("[data-uploaded='english']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Priya Pennine (training provider)", form.QuerySelector("[data-uploaded='english']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(file.Id.ToString(), form.QuerySelector("input[name='Input.EnglishEvidenceFileId']")!.GetAttribute("value"));

        using var coSigned = await provider.SubmitFormAsync(providerPage, new Dictionary<string, string>
        {
            ["CoSign.Name"] = "Priya Pennine",
            ["CoSign.JobTitle"] = "Apprenticeship manager",
            ["CoSign.ReadinessConfirmed"] = "true",
        }, "#co-sign-form");
        var fields = GatewayForm.Complete();
        fields["Input.EnglishEvidenceFileId"] = file.Id.ToString();
        using var submitted = await GatewayForm.PostAsync(employer, caseId, fields, GatewayForm.Certificates());
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(file.Id, await factory.WithDbAsync(db => db.GatewaySubmissions.Where(g => g.CaseId == caseId).Select(g => g.EnglishEvidenceFileId).SingleAsync()));

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, review) = await admin.GetPageAsync($"/admin/cases/{caseId}/gateway");
        var uploaders = review.QuerySelectorAll("[data-uploaded-by]").Select(e => e.TextContent).ToList();
        Assert.Contains(uploaders, u => u.StartsWith("uploaded by Priya Pennine (training provider)", StringComparison.Ordinal));
        Assert.Contains(uploaders, u => u.StartsWith("uploaded by Erin Employer,", StringComparison.Ordinal));

        // Once submitted, the gateway evidence is closed to the provider: told why, nothing stored.
        var (_, closedPage) = await provider.GetPageAsync(providerPage);
        Assert.Null(closedPage.QuerySelector("#gateway-evidence-form"));
        using var late = await GatewayForm.PostToAsync(provider, $"{providerPage}/gateway/evidence", "/provider/register", new Dictionary<string, string>(), [new SlotFile("maths", "late-maths.pdf", Files.Pdf())]);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("the gateway has been submitted", (await PortalClient.ParseAsync(late)).QuerySelector("#gateway-evidence-problems")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OriginalFileName == "late-maths.pdf")));
    }

    [Fact]
    public async Task GatewayEvidence_ThatIsNotWhatItClaims_IsRefusedByTheSharedChecks_AndNothingIsStored()
    {
        var caseId = await CaseAsync(CaseState.Registered, await PennineAsync());
        using var provider = await factory.SignInAsync(Demo.Provider);
        var providerPage = $"/provider/cases/{caseId}";

        using var response = await GatewayForm.PostToAsync(provider, $"{providerPage}/gateway/evidence", providerPage, new Dictionary<string, string>(), [new SlotFile("module-0", "certificate.pdf", Files.Exe())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("certificate.pdf was not uploaded: it does not look like a PDF", (await PortalClient.ParseAsync(response)).QuerySelector("#gateway-evidence-problems")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.CaseId == caseId)));
    }

    [Fact]
    public async Task GatewayEvidence_ForAnotherProvidersCase_Answers404_AndStoresNothing()
    {
        var otherCase = await CaseAsync(CaseState.Registered, await OtherProviderAsync());
        using var provider = await factory.SignInAsync(Demo.Provider);

        using var response = await GatewayForm.PostToAsync(provider, $"/provider/cases/{otherCase}/gateway/evidence", "/provider/register", new Dictionary<string, string>(), [new SlotFile("english", "not-mine.pdf", Files.Pdf())]);
        using var agree = await provider.PostWithTokenAsync("/provider/register", $"/provider/cases/{otherCase}/next-attempt", [new("Agree.Kind", "Resit"), new("Agree.Name", "Priya Pennine")]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, agree.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.CaseId == otherCase)));
    }

    [Fact]
    public async Task ReleasedFail_AsksTheProviderToAgree_ARetakeNeedsItsPlan_AndTheAdminPlansOnlyWhatWasAgreed()
    {
        var caseId = await CaseAsync(CaseState.IqaApproved, await PennineAsync(), ScenarioOptions.Fail);
        using var admin = await factory.SignInAsync(Demo.Admin);
        using var released = await admin.PostWithTokenAsync("/admin/results", "/admin/results/release", [new("CaseIds", caseId.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(CaseState.FailRecorded, await EmployerScenario.StateAsync(factory, caseId));

        // The provider's users are asked to agree the next attempt; the grade is not in the e-mail.
        var mails = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == caseId && m.ToAddress == Demo.Provider).ToListAsync());
        var ask = Assert.Single(mails);
        Assert.Equal(NotificationKind.NextAttemptToAgree, ask.Kind);
        Assert.DoesNotContain("Fail", ask.Subject + ask.TextBody, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.ToAddress == Demo.Employer && m.Kind == NotificationKind.ResultReleased)));

        // Before the provider agrees, the admin cannot plan it (the employer's tick is not the rule for this case).
        var adminUrl = $"/admin/results/cases/{caseId}";
        var (_, adminPage) = await admin.GetPageAsync(adminUrl);
        Assert.Null(adminPage.QuerySelector("input[name='NextAttempt.EmployerAgreed']"));
        using var tooSoon = await admin.SubmitFormAsync(adminUrl, new Dictionary<string, string> { ["NextAttempt.Kind"] = "Retake", ["NextAttempt.EmployerAgreed"] = "true" }, "#next-attempt-form");
        Assert.Contains("The training provider has not agreed to a re-take yet", await tooSoon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseState.FailRecorded, await EmployerScenario.StateAsync(factory, caseId));

        // A re-take without the supportive action plan is refused, keeping what was typed.
        using var provider = await factory.SignInAsync(Demo.Provider);
        var providerPage = $"/provider/cases/{caseId}";
        using var noPlan = await provider.SubmitFormAsync(providerPage, new Dictionary<string, string> { ["Agree.Kind"] = "Retake", ["Agree.Name"] = "Priya Pennine", ["Agree.Plan"] = "" }, "#next-attempt-form");
        Assert.Equal(HttpStatusCode.OK, noPlan.StatusCode);
        var refused = await PortalClient.ParseAsync(noPlan);
        Assert.Contains("A re-take needs your supportive action plan", refused.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("checked", refused.QuerySelector("#agree-retake")!.GetAttribute("checked"));
        Assert.Null(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.ProviderAgreedNextAttempt).SingleAsync()));

        // The plan as a document comes after the written plan: refused before it, nothing stored.
        using var tooEarly = await GatewayForm.PostToAsync(provider, $"{providerPage}/next-attempt/plan", providerPage, new Dictionary<string, string>(), [new SlotFile("plan", "action-plan.pdf", Files.Pdf())]);
        Assert.Contains("could not be used: agree the re-take with its written plan first", (await PortalClient.ParseAsync(tooEarly)).QuerySelector("#next-attempt-problems")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.CaseId == caseId && f.Purpose == FilePurpose.SupportiveActionPlan)));

        const string plan = "Four weeks of further training on automated testing with a workplace mentor, then a mock interview in March.";
        using var agreed = await provider.SubmitFormAsync(providerPage, new Dictionary<string, string> { ["Agree.Kind"] = "Retake", ["Agree.Name"] = "Priya Pennine", ["Agree.Plan"] = plan }, "#next-attempt-form");
        Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        var recorded = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.ProviderAgreedNextAttempt, c.ProviderAgreementAttempt, c.SupportiveActionPlan }).SingleAsync());
        Assert.Equal((AttemptKind.Retake, 1, plan), (recorded.ProviderAgreedNextAttempt!.Value, recorded.ProviderAgreementAttempt!.Value, recorded.SupportiveActionPlan));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == caseId && a.Action == CaseActions.NextAttemptAgreed)));

        // Optionally, the plan as a document, through the shared upload path.
        using var attached = await GatewayForm.PostToAsync(provider, $"{providerPage}/next-attempt/plan", providerPage, new Dictionary<string, string>(), [new SlotFile("plan", "action-plan.pdf", Files.Pdf())]);
        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        var planFile = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.CaseId == caseId && f.Purpose == FilePurpose.SupportiveActionPlan));
        Assert.Equal(planFile.Id, await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.SupportiveActionPlanFileId).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == caseId && a.Action == CaseActions.SupportiveActionPlanAttached)));

        // The admin sees the agreement and the plan; a re-sit is not what was agreed; the re-take is planned.
        (_, adminPage) = await admin.GetPageAsync(adminUrl);
        Assert.Contains("agreed to a re-take", adminPage.QuerySelector("#provider-agreement")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(plan, adminPage.QuerySelector("#provider-plan")!.TextContent);
        Assert.Equal($"/evidence/files/{planFile.Id}", adminPage.QuerySelector("#provider-plan-file")!.GetAttribute("href"));
        using var resit = await admin.SubmitFormAsync(adminUrl, new Dictionary<string, string> { ["NextAttempt.Kind"] = "Resit" }, "#next-attempt-form");
        Assert.Contains("The training provider agreed to a re-take, not a re-sit.", await resit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var retake = await admin.SubmitFormAsync(adminUrl, new Dictionary<string, string> { ["NextAttempt.Kind"] = "Retake" }, "#next-attempt-form");
        Assert.Equal(HttpStatusCode.Redirect, retake.StatusCode);
        Assert.Equal(CaseState.RetakePlanned, await EmployerScenario.StateAsync(factory, caseId));
    }

    [Fact]
    public async Task NextAttemptAgreement_BeforeAFailIsRecorded_IsRefused()
    {
        var caseId = await CaseAsync(CaseState.Registered, await PennineAsync());
        using var provider = await factory.SignInAsync(Demo.Provider);

        using var response = await provider.PostWithTokenAsync($"/provider/cases/{caseId}", $"/provider/cases/{caseId}/next-attempt", [new("Agree.Kind", "Resit"), new("Agree.Name", "Priya Pennine")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A re-sit or a re-take can be agreed only after a Fail has been released and recorded.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.ProviderAgreedNextAttempt).SingleAsync()));
    }

    private Task<int> PennineAsync() =>
        factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());

    private async Task<int> OtherProviderAsync()
    {
        var existing = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == "Aire Valley Training").Select(o => (int?)o.Id).SingleOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        return await new TestScenarios(scope.ServiceProvider).CreateProviderAsync("Aire Valley Training", "10065432", OtherProviderEmail, PortalFactory.DemoPassword);
    }

    private async Task<int> CaseAsync(CaseState target, int providerId, ScenarioOptions? options = null)
    {
        var (_, caseId) = await EmployerScenario.ToStateAsync(factory, target, (options ?? new ScenarioOptions()) with { ProviderOrganisationId = providerId, AssessorEmail = Demo.Assessor });
        return caseId;
    }
}
