using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Grading;
using EpaPortal.Web.Features.Admin;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Quality;

/// <summary>
/// The QA sampling plan set in the portal (issue 21, item 4): a QA lead's plan decides which grades of its
/// standard version go to quality assurance, with the reason recorded and shown. The random source is fixed
/// at 99 (never below a rate under 100), so only the plan's 100% rules and the always-sampled reasons sample.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class SamplingPlanTests(SamplingPlanTests.FixedDraw factory) : IClassFixture<SamplingPlanTests.FixedDraw>
{
    public sealed class FixedDraw : PortalFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton(new QaSampling(() => 99)));
    }

    [Fact]
    public async Task APlanWithN2_SamplesANewAssessorsFirstTwoDecisions_AndTheThirdFollowsTheBaseRate()
    {
        var email = await NewAssessorAsync();
        var cases = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add((await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted, email)).CaseId);
        }

        var versionId = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == cases[0]).Select(c => c.StandardVersionId).SingleAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);
        var saved = await admin.SubmitFormAsync($"/admin/sampling-plans/{versionId}", Plan("50", "2", "50", "0"), "#sampling-plan-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var assessor = await factory.SignInAsync(email);
        foreach (var caseId in cases)
        {
            var form = await AssessorJourney.JudgementFormAsync(assessor, caseId, AreaLevel.Above, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
            form.Set("Submit", "true");
            Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);
        }

        var decisions = await factory.WithDbAsync(db => db.GradeDecisions.Where(g => cases.Contains(g.CaseId)).OrderBy(g => g.Id)
            .Select(g => new { g.QaStatus, g.QaSampleReasons }).ToListAsync());
        Assert.Equal([(QaStatus.Pending, "NewAssessor"), (QaStatus.Pending, "NewAssessor"), (QaStatus.NotSampled, (string?)null)],
            decisions.Select(d => (d.QaStatus, d.QaSampleReasons)));

        // The reason is shown to the assessor and to the quality assurer.
        var (_, judgement) = await assessor.GetPageAsync($"/assessor/cases/{cases[0]}/judgement");
        Assert.Contains("Awaiting quality assurance (new assessor).", judgement.QuerySelector(".grade-decision")!.TextContent, StringComparison.Ordinal);
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        var (_, queue) = await qa.GetPageAsync("/quality");
        Assert.Contains("New assessor", queue.QuerySelector($"#qa-queue tr[data-case-id='{cases[1]}']")!.TextContent, StringComparison.Ordinal);
        var (_, qaCase) = await qa.GetPageAsync($"/quality/cases/{cases[1]}");
        Assert.Equal("Checked because: new assessor.", qaCase.QuerySelector("#qa-sample-reasons")!.TextContent.Trim());
    }

    [Fact]
    public async Task NoPlanForTheVersion_UsesTheConfiguredRate()
    {
        // PortalFactory configures 100%: sampled at random whatever the draw, with the reason recorded.
        var email = await NewAssessorAsync();
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted, email);
        var versionId = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == testCase.CaseId).Select(c => c.StandardVersionId).SingleAsync());
        await factory.WithDbAsync(async db => await db.SamplingPlans.Where(p => p.StandardVersionId == versionId).ExecuteDeleteAsync());
        using var assessor = await factory.SignInAsync(email);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Above, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
        form.Set("Submit", "true");

        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);

        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(g => g.CaseId == testCase.CaseId));
        Assert.Equal((QaStatus.Pending, "RandomSample"), (decision.QaStatus, decision.QaSampleReasons));
    }

    [Fact]
    public async Task BadInput_GetsClearMessages_AndKeepsWhatWasTyped_AndSavesNothing()
    {
        var versionId = await factory.WithDbAsync(db => db.StandardVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());
        var before = await PlanAsync(versionId);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/sampling-plans/{versionId}", Plan("150", "two", "5", "-1"), "#sampling-plan-form");
        var page = await AdminPageAsync(response);

        Assert.Equal("Enter the base rate as a whole number from 0 to 100, for example 10.", page.QuerySelector("#base-percent-error")!.TextContent);
        Assert.Equal("Enter how many of a new assessor's first decisions to sample as a whole number, 0 or more (0: none).", page.QuerySelector("#new-assessor-error")!.TextContent);
        Assert.Equal("Enter for how many decisions the raised rate lasts as a whole number, 0 or more (0: no raised rate).", page.QuerySelector("#raised-decisions-error")!.TextContent);
        Assert.Equal("two", page.QuerySelector("#new-assessor")!.GetAttribute("value"));
        Assert.Equal("150", page.QuerySelector("#base-percent")!.GetAttribute("value"));

        var lower = await AdminPageAsync(await admin.SubmitFormAsync($"/admin/sampling-plans/{versionId}", Plan("50", "0", "20", "3"), "#sampling-plan-form"));
        Assert.Equal("The raised rate after a QA return must be at least the base rate.", lower.QuerySelector("#raised-percent-error")!.TextContent);
        Assert.Equal(before, await PlanAsync(versionId));
    }

    [Fact]
    public async Task SavingAPlan_IsAudited_AndListed()
    {
        var versionId = await factory.WithDbAsync(db => db.StandardVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/sampling-plans/{versionId}", Plan("15", "3", "60", "5"), "#sampling-plan-form")).StatusCode);

        var (_, list) = await admin.GetPageAsync("/admin/sampling-plans");
        Assert.Contains("base rate 15%; a new assessor's first 3 decisions all sampled; 60% for the next 5 decisions after a QA return",
            list.QuerySelector($"#sampling-plans tr[data-version='{versionId}']")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == SamplingPlansService.SamplingPlanChanged && a.Details!.Contains("base rate 15%"))));

        // A second save with the form as it now stands changes the plan (its version travels with the form).
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/sampling-plans/{versionId}", Plan("20", "3", "60", "5"), "#sampling-plan-form")).StatusCode);
        Assert.Equal(20, await factory.WithDbAsync(db => db.SamplingPlans.Where(p => p.StandardVersionId == versionId).Select(p => p.BasePercent).SingleAsync()));
    }

    [Theory]
    [InlineData(Demo.QualityAssurer)]
    [InlineData(Demo.Assessor)]
    public async Task OnlyAQaLead_OpensThePlans(string email)
    {
        using var client = await factory.SignInAsync(email);

        var response = await client.GetAsync("/admin/sampling-plans");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, string> Plan(string basePercent, string n, string raised, string m) => new()
    {
        ["Input.BasePercent"] = basePercent,
        ["Input.NewAssessorDecisions"] = n,
        ["Input.RaisedPercent"] = raised,
        ["Input.RaisedDecisions"] = m,
    };

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> AdminPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalClient.ParseAsync(response);
    }

    private Task<string?> PlanAsync(int versionId) =>
        factory.WithDbAsync(db => db.SamplingPlans.Where(p => p.StandardVersionId == versionId)
            .Select(p => $"{p.BasePercent} {p.NewAssessorDecisions} {p.RaisedPercent} {p.RaisedDecisions}").SingleOrDefaultAsync());

    private async Task<string> NewAssessorAsync()
    {
        var email = $"new.assessor.{Guid.NewGuid():N}@example.com";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.PortalUser>>();
        var user = new Data.PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "New Assessor", CreatedAt = factory.Clock.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Assessor)).Succeeded);
        return email;
    }
}
