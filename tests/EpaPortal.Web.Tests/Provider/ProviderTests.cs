using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Gateway;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Provider;

/// <summary>
/// The training provider as a party (issue 19): it sees the apprentices it trains across employers and no
/// others (another provider's case answers 404), reads the result only once released and never the assessor's
/// notes, co-signs the gateway (which then needs both signatures, shown to the admin), and an assessor in
/// conflict with it cannot be allocated.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class ProviderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OtherProviderEmail = "tutor@calder.test";

    [Fact]
    public async Task Dashboard_ListsTheProvidersApprenticesAtEveryEmployer_AndNoOthers()
    {
        var pennine = await PennineAsync();
        var other = await OtherProviderAsync();
        var atAcme = await CaseAsync(CaseState.Registered, pennine);
        var atNorthwind = await CaseAsync(CaseState.ProjectInProgress, pennine, DemoDataSeeder.Northwind);
        var otherProviders = await CaseAsync(CaseState.Registered, other);
        var noProvider = await CaseAsync(CaseState.Registered, null);
        using var provider = await factory.SignInAsync(Demo.Provider);

        var (response, page) = await provider.GetPageAsync("/provider");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = page.QuerySelectorAll("#provider-cases tr[data-case]").Select(r => int.Parse(r.GetAttribute("data-case")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(atAcme, listed);
        Assert.Contains(atNorthwind, listed);
        Assert.DoesNotContain(otherProviders, listed);
        Assert.DoesNotContain(noProvider, listed);
        Assert.Contains("Co-sign the gateway", page.QuerySelector($"tr[data-case='{atAcme}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Employer: {DemoDataSeeder.Northwind}", page.QuerySelector($"tr[data-case='{atNorthwind}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherProvidersCase_Answers404_OnEveryPage_AndItsCoSignChangesNothing()
    {
        var other = await OtherProviderAsync();
        var otherCase = await CaseAsync(CaseState.Registered, other);
        var noProvider = await CaseAsync(CaseState.Registered, null);
        using var provider = await factory.SignInAsync(Demo.Provider);

        foreach (var caseId in new[] { otherCase, noProvider })
        {
            foreach (var url in new[] { $"/provider/cases/{caseId}", $"/cases/{caseId}", $"/cases/{caseId}/portfolio" })
            {
                using var response = await provider.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
            }

            using var post = await provider.PostWithTokenAsync("/provider", $"/provider/cases/{caseId}/gateway/co-sign",
                [new("CoSign.Name", "Priya Pennine"), new("CoSign.JobTitle", "Apprenticeship manager"), new("CoSign.ReadinessConfirmed", "true")]);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Null(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.ProviderGatewaySignedAt).SingleAsync()));
        }
    }

    [Fact]
    public async Task Gateway_NeedsBothSignatures_AndTheAdminSeesWhoSignedWhat()
    {
        var pennine = await PennineAsync();
        var caseId = await CaseAsync(CaseState.Registered, pennine);
        await EmployerScenario.SubmitPortfolioAsync(factory, caseId);
        await EmployerScenario.ConfirmPortfolioAsync(factory, caseId);
        await EmployerScenario.SubmitReferenceAsync(factory, caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);
        using var provider = await factory.SignInAsync(Demo.Provider);
        SlotFile[] files = [.. GatewayForm.Certificates(), new SlotFile("english", "gcse-english.pdf", Files.Pdf())];

        // The employer alone cannot submit it.
        using var alone = await GatewayForm.PostAsync(employer, caseId, GatewayForm.Complete(), files);
        var problems = (await PortalClient.ParseAsync(alone)).QuerySelectorAll("#gateway-problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("The training provider has not co-signed the gateway yet.", problems);
        Assert.Equal(CaseState.Registered, await EmployerScenario.StateAsync(factory, caseId));

        // The provider's co-signature with something missing: clear messages, what was typed kept, nothing saved.
        using var incomplete = await provider.SubmitFormAsync($"/provider/cases/{caseId}", new Dictionary<string, string> { ["CoSign.Name"] = "Priya Pennine", ["CoSign.JobTitle"] = "" }, "form[action$='/gateway/co-sign']");
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        var refusedPage = await PortalClient.ParseAsync(incomplete);
        Assert.Contains("Enter your job title.", refusedPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Confirm that the apprentice is ready", refusedPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Priya Pennine", refusedPage.QuerySelector("#co-sign-name")!.GetAttribute("value"));
        Assert.Null(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.ProviderGatewaySignedAt).SingleAsync()));

        using var signed = await provider.SubmitFormAsync($"/provider/cases/{caseId}", new Dictionary<string, string>
        {
            ["CoSign.Name"] = "Priya Pennine",
            ["CoSign.JobTitle"] = "Apprenticeship manager",
            ["CoSign.ReadinessConfirmed"] = "true",
        }, "form[action$='/gateway/co-sign']");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == caseId && a.Action == CaseActions.GatewayCoSigned)));

        // Now the employer's submission carries both signatures.
        using var submitted = await GatewayForm.PostAsync(employer, caseId, GatewayForm.Complete(), files);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(CaseState.GatewaySubmitted, await EmployerScenario.StateAsync(factory, caseId));
        var gateway = await factory.WithDbAsync(db => db.GatewaySubmissions.AsNoTracking().Where(g => g.CaseId == caseId).Select(g => new { g.EmployerSignatoryName, g.ProviderSignatoryName, g.ProviderSignatoryJobTitle }).SingleAsync());
        Assert.Equal(("Erin Employer", "Priya Pennine", "Apprenticeship manager"), (gateway.EmployerSignatoryName, gateway.ProviderSignatoryName, gateway.ProviderSignatoryJobTitle));

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, review) = await admin.GetPageAsync($"/admin/cases/{caseId}/gateway");
        Assert.Contains("signed for the employer by Erin Employer, Engineering Manager", review.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Co-signed for the training provider by Priya Pennine, Apprenticeship manager", review.QuerySelector("#gateway-provider-signature")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_ShowsTheResultOnlyOnceReleased_AndNeverTheAssessorsNotes()
    {
        var pennine = await PennineAsync();
        var graded = await CaseAsync(CaseState.Graded, pennine, marker: "ZQXPG-CONFIDENTIAL");
        var released = await CaseAsync(CaseState.ResultReleased, pennine, marker: "ZQXPR-CONFIDENTIAL");
        using var provider = await factory.SignInAsync(Demo.Provider);

        var (gradedResponse, gradedPage) = await provider.GetPageAsync($"/provider/cases/{graded}");
        var (_, releasedPage) = await provider.GetPageAsync($"/provider/cases/{released}");

        Assert.Equal(HttpStatusCode.OK, gradedResponse.StatusCode);
        Assert.Null(gradedPage.QuerySelector("#result-heading"));
        Assert.DoesNotContain("Merit", gradedPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Grade: Merit", releasedPage.QuerySelector("#result-heading")!.ParentElement!.TextContent.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var (caseId, tag) in new[] { (graded, "ZQXPG"), (released, "ZQXPR") })
        {
            foreach (var url in new[] { $"/provider/cases/{caseId}", $"/cases/{caseId}/portfolio", $"/cases/{caseId}" })
            {
                using var response = await provider.GetAsync(url);
                Assert.DoesNotContain(tag, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        // The finished list leads to the released result; the open list to the graded case.
        var (_, finished) = await provider.GetPageAsync("/provider?show=closed");
        Assert.NotNull(finished.QuerySelector($"#provider-cases tr[data-case='{released}']"));
        Assert.Null(finished.QuerySelector($"#provider-cases tr[data-case='{graded}']"));
        var (_, open) = await provider.GetPageAsync("/provider");
        Assert.NotNull(open.QuerySelector($"#provider-cases tr[data-case='{graded}']"));

        // The assessor's pages stay closed to the provider.
        using var notes = await provider.GetAsync($"/assessor/cases/{graded}/notes");
        Assert.Equal(HttpStatusCode.Forbidden, notes.StatusCode);
    }

    [Fact]
    public async Task CaseLink_TakesTheProviderToItsOwnCasePage()
    {
        var pennine = await PennineAsync();
        var caseId = await CaseAsync(CaseState.Registered, pennine);
        using var provider = await factory.SignInAsync(Demo.Provider);

        using var response = await provider.GetAsync($"/cases/{caseId}/gateway");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/provider/cases/{caseId}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Allocation_OfAnAssessorInConflictWithTheProvider_IsRefusedNamingIt()
    {
        var pennine = await PennineAsync();
        var caseId = await CaseAsync(CaseState.GatewaySubmitted, pennine);
        var assessorId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Assessor2).Select(u => u.Id).SingleAsync());
        await factory.WithDbAsync(async db =>
        {
            db.ConflictsOfInterest.Add(new ConflictOfInterest(assessorId, pennine, "Former tutor at Pennine", new DateOnly(2026, 1, 1), null, factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        using var admin = await factory.SignInAsync(Demo.Admin);

        using var response = await admin.PostWithTokenAsync($"/admin/cases/{caseId}/allocate", $"/admin/cases/{caseId}/allocate", [new("assessorId", assessorId)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This assessor declared a conflict with the case&#x27;s training provider.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(assessorId, await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.AssessorId).SingleAsync()));
    }

    [Fact]
    public async Task AdminRegistration_NamesTheProvider_AndRefusesAnOrganisationThatIsNotOne()
    {
        var pennine = await PennineAsync();
        var acme = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, form) = await admin.GetPageAsync("/admin/cases/new");
        Assert.Contains("Pennine Training Ltd (UKPRN 10012345)", form.QuerySelector("#Input_ProviderOrganisationId")!.TextContent, StringComparison.Ordinal);

        var refusedUln = await NewApprenticeUlnAsync();
        using var refused = await admin.SubmitFormAsync("/admin/cases/new", new Dictionary<string, string> { ["Input.Uln"] = refusedUln, ["Input.ProviderOrganisationId"] = acme.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "form[action='/admin/cases/new']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose the training provider from the list (an organisation with a UKPRN).", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var registered = await admin.SubmitFormAsync("/admin/cases/new", new Dictionary<string, string> { ["Input.Uln"] = refusedUln, ["Input.ProviderOrganisationId"] = pennine.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "form[action='/admin/cases/new']");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var caseId = await factory.WithDbAsync(db => db.Cases.Where(c => c.Apprentice!.Uln == refusedUln && c.ProviderOrganisationId == pennine).Select(c => c.Id).SingleAsync());

        // The provider's users are asked to co-sign the gateway when the apprentice is ready.
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Kind == Web.Features.Notifications.NotificationKind.GatewayCoSignRequested && m.ToAddress == Demo.Provider)));
    }

    [Fact]
    public async Task Register_ForAnEmployerItWorksWith_RecordsTheApprenticeAndACaseNamingTheProvider()
    {
        var pennine = await PennineAsync();
        await CaseAsync(CaseState.Registered, pennine);
        var acme = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        var uln = await NewUlnAsync();
        using var provider = await factory.SignInAsync(Demo.Provider);
        var fields = new Dictionary<string, string>
        {
            ["Input.EmployerOrganisationId"] = acme.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Uln"] = uln[..9] + ((uln[9] - '0' + 1) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.GivenNames"] = "Sian",
            ["Input.FamilyName"] = "Bookedby",
            ["Input.Email"] = "sian.bookedby@example.com",
            ["Input.StartDate"] = "2025-09-01",
            ["Input.PlannedGatewayDate"] = "2027-01-15",
        };

        // A ULN whose check digit is wrong: told why, everything typed kept, nothing recorded.
        using var refused = await provider.SubmitFormAsync("/provider/register", fields, "#register-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("This is not a valid ULN: its last digit does not match the others. Check it against the apprentice&#x27;s records.", body, StringComparison.Ordinal);
        Assert.Contains("value=\"Bookedby\"", body, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Apprentices.AnyAsync(a => a.FamilyName == "Bookedby")));

        fields["Input.Uln"] = uln;
        using var registered = await provider.SubmitFormAsync("/provider/register", fields, "#register-form");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var booked = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Apprentice!.Uln == uln)
            .Select(c => new { c.Id, c.ProviderOrganisationId, c.OrganisationId, c.PlannedGatewayDate, c.State }).SingleAsync());
        Assert.Equal((pennine, acme, new DateOnly(2027, 1, 15), CaseState.Registered), (booked.ProviderOrganisationId!.Value, booked.OrganisationId, booked.PlannedGatewayDate!.Value, booked.State));
        Assert.Equal($"/provider/cases/{booked.Id}", registered.Headers.Location!.OriginalString);
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == booked.Id && m.Kind == Web.Features.Notifications.NotificationKind.ReferenceRequested && m.ToAddress == Demo.Employer)));
    }

    [Fact]
    public async Task Register_ForAnEmployerItDoesNotWorkWith_IsRefused_AndThePlannedGatewayMustNotBePast()
    {
        var other = await OtherProviderAsync();
        await CaseAsync(CaseState.Registered, other);
        var northwind = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Northwind).Select(o => o.Id).SingleAsync());
        var acme = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        using var provider = await factory.SignInAsync(OtherProviderEmail);
        var (_, form) = await provider.GetPageAsync("/provider/register");
        Assert.Null(form.QuerySelector($"#Input_EmployerOrganisationId option[value='{northwind}']"));

        var fields = new Dictionary<string, string>
        {
            ["Input.EmployerOrganisationId"] = northwind.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Uln"] = await NewUlnAsync(),
            ["Input.GivenNames"] = "Tom",
            ["Input.FamilyName"] = "Notlinked",
            ["Input.Email"] = "tom.notlinked@example.com",
            ["Input.StartDate"] = "2025-09-01",
            ["Input.PlannedGatewayDate"] = "2027-01-15",
            ["Input.StandardVersionId"] = form.QuerySelector("#Input_StandardVersionId option[selected]")!.GetAttribute("value")!,
        };
        using var notLinked = await provider.PostWithTokenAsync("/provider/register", "/provider/register", fields);
        Assert.Contains("Your organisation does not work with this employer: ask the assessment organisation to link you first.", await notLinked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fields["Input.EmployerOrganisationId"] = acme.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["Input.PlannedGatewayDate"] = "2026-01-15";
        using var past = await provider.PostWithTokenAsync("/provider/register", "/provider/register", fields);
        Assert.Contains("The planned gateway date is in the past.", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Apprentices.AnyAsync(a => a.FamilyName == "Notlinked")));
    }

    private async Task<string> NewUlnAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await new TestScenarios(scope.ServiceProvider).NewUlnAsync();
    }

    [Theory]
    [InlineData("Provider", "2001234", "A UKPRN is exactly 8 digits, for example 10012345.")]
    [InlineData("Provider", "20012345", "A UKPRN starts with 1 (it lies between 10000000 and 19999999).")]
    [InlineData("Provider", "", "A training provider needs its UKPRN (8 digits starting with 1, for example 10012345).")]
    [InlineData("Employer", "10099999", "Only a training provider has a UKPRN: remove it, or choose &#x27;Employer and training provider&#x27;.")]
    [InlineData("Both", "10012345", "The UKPRN 10012345 already belongs to Pennine Training Ltd.")]
    public async Task AdminAddingAProvider_WithABadOrTakenUkprn_IsToldWhy_AndKeepsWhatWasTyped(string kind, string ukprn, string message)
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var name = $"Moorland Skills {Guid.NewGuid():N}"[..30];

        using var response = await admin.SubmitFormAsync("/admin/organisations/new", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = kind,
            ["Input.Ukprn"] = ukprn,
        }, "form[action='/admin/organisations/new']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", body, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == name)));
    }

    [Fact]
    public async Task AdminAddingAProvider_WithAValidUkprn_ListsItAsATrainingProvider()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);

        using var response = await admin.SubmitFormAsync("/admin/organisations/new", new Dictionary<string, string>
        {
            ["Input.Name"] = "Riverside Training",
            ["Input.Kind"] = "Provider",
            ["Input.Ukprn"] = "10077777",
        }, "form[action='/admin/organisations/new']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "Riverside Training"));
        Assert.Equal(("10077777", false, true), (saved.Ukprn, saved.IsEmployer, saved.IsTrainingProvider));
        var (_, list) = await admin.GetPageAsync("/admin/organisations");
        Assert.Contains("Training provider", list.QuerySelector($"tr[data-organisation-id='{saved.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_ShowsTheModeratedGrade_OnceReleased()
    {
        // The scenario grades a Merit; quality assurance moderates it to a Pass (issue 21, item 5), which is released.
        var caseId = await CaseAsync(CaseState.Graded, await PennineAsync());
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        var moderated = await qa.SubmitFormAsync($"/quality/cases/{caseId}", new Dictionary<string, string> { ["Moderate.Grade"] = "Pass", ["Moderate.Reason"] = "The How evidence reaches the expected level only." }, "#moderate-form");
        Assert.Equal(HttpStatusCode.Redirect, moderated.StatusCode);
        using var admin = await factory.SignInAsync(Demo.Admin);
        using var released = await admin.PostWithTokenAsync("/admin/results", "/admin/results/release", [new("CaseIds", caseId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(CaseState.ResultReleased, await EmployerScenario.StateAsync(factory, caseId));
        using var provider = await factory.SignInAsync(Demo.Provider);

        var (_, page) = await provider.GetPageAsync($"/provider/cases/{caseId}");

        var result = page.QuerySelector("#result-heading")!.ParentElement!.TextContent.Replace("\n", " ", StringComparison.Ordinal);
        Assert.Contains("Grade: Pass", result, StringComparison.Ordinal);
        Assert.DoesNotContain("Merit", result, StringComparison.Ordinal);
    }

    private Task<int> PennineAsync() =>
        factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());

    private async Task<int> OtherProviderAsync()
    {
        var existing = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == "Calder College").Select(o => (int?)o.Id).SingleOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        return await new TestScenarios(scope.ServiceProvider).CreateProviderAsync("Calder College", "10054321", OtherProviderEmail, PortalFactory.DemoPassword);
    }

    private async Task<string> NewApprenticeUlnAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var acme = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        return (await new TestScenarios(scope.ServiceProvider).CreateApprenticeAsync(acme)).Uln;
    }

    private async Task<int> CaseAsync(CaseState target, int? providerId, string organisation = DemoDataSeeder.Acme, string marker = "confidential")
    {
        var (_, caseId) = await EmployerScenario.ToStateAsync(factory, target, new ScenarioOptions { ProviderOrganisationId = providerId, ConfidentialMarker = marker, AssessorEmail = Demo.Assessor }, organisation);
        return caseId;
    }
}
