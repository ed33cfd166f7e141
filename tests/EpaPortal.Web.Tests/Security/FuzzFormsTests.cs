using EpaPortal.Domain.Cases;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.References;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Every form's input model fuzzed through HTTP with CsCheck (<see cref="FuzzHarness"/>): 300 posts per
/// form, one case per form, sequentially. No 5xx; refused input changes nothing; markup is always encoded.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Integration)]
public class FuzzFormsTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EmployerReference_Fuzzed()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);
        await RunAsync(employer, $"/employer/cases/{caseId}/reference", "form[action$='/reference']",
            db => Rows(db.EmployerReferences.AsNoTracking().Include(r => r.Sections).Where(r => r.CaseId == caseId)),
            new FuzzOptions { Fixed = new Dictionary<string, string> { ["command"] = ReferenceController.SaveCommand } });
    }

    [Fact]
    public async Task PortfolioEvidenceEdit_Fuzzed()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var apprentice = await factory.SignInAsync(email);
        var item = Assert.Single((await Uploads.UploadAsync(apprentice, new UploadFile("design.pdf", Files.Pdf()))).Files);
        Assert.True(item.Accepted, item.Message);
        await RunAsync(apprentice, $"/apprentice/portfolio/items/{item.ItemId}/edit", "form[action$='/edit']",
            db => Rows(db.EvidenceItems.AsNoTracking().Where(e => e.CaseId == caseId)));
    }

    [Fact]
    public async Task ProjectSummary_Fuzzed()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        await TestApprentices.SetStateAsync(factory, caseId, CaseState.ProjectInProgress);
        var opens = factory.Clock.GetUtcNow().AddHours(-1);
        await factory.WithDbAsync(async db =>
        {
            db.ProjectSubmissions.Add(new Domain.Assessment.ProjectSubmission(caseId, 1, "Timesheet importer", "Build a small service.", opens, opens.AddDays(30)));
            await db.SaveChangesAsync();
        });
        using var apprentice = await factory.SignInAsync(email);
        await RunAsync(apprentice, "/apprentice/project", "form[action='/apprentice/project/summary']",
            db => Rows(db.ProjectSubmissions.AsNoTracking().Where(p => p.CaseId == caseId)));
    }

    [Fact]
    public async Task AssessorNotesAndQuestions_Fuzzed()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);
        await RunAsync(assessor, $"/assessor/cases/{testCase.CaseId}/notes", "#notes-form",
            async db => Rows(db.AssessorNotes.AsNoTracking().Include(n => n.Conclusions).Where(n => n.CaseId == testCase.CaseId))
                + await RowsAsync(db.InterviewQuestions.AsNoTracking().Where(q => q.CaseId == testCase.CaseId)));
    }

    [Fact]
    public async Task InterviewRecord_Fuzzed()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        await AssessorJourney.PassTheInterviewStartAsync(factory, testCase.CaseId);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await RunAsync(assessor, $"/assessor/cases/{testCase.CaseId}/interview", "form.record-form",
            async db => Rows(db.Interviews.AsNoTracking().Where(i => i.CaseId == testCase.CaseId))
                + await RowsAsync(db.InterviewQuestions.AsNoTracking().Where(q => q.CaseId == testCase.CaseId))
                + await RowsAsync(db.Cases.AsNoTracking().Where(c => c.Id == testCase.CaseId)));
    }

    [Fact]
    public async Task Judgement_Fuzzed()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await RunAsync(assessor, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form",
            async db => Rows(db.Judgements.AsNoTracking().Include(j => j.Areas).Where(j => j.CaseId == testCase.CaseId))
                + await RowsAsync(db.Cases.AsNoTracking().Where(c => c.Id == testCase.CaseId)),
            new FuzzOptions
            {
                Baseline = () => new Dictionary<string, string> { ["Areas[0].Level"] = "Expected", ["Areas[1].Level"] = "Expected", ["Areas[2].Level"] = "Expected" },
                Fields = ["Areas[0].Rationale", "Areas[1].Rationale", "Areas[2].Rationale", "Areas[0].Level", "Competencies[0].EvidenceRefs", "Recommendation"],
            });
    }

    [Fact]
    public async Task QualityAssuranceReturn_Fuzzed()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.Graded);
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        await RunAsync(qa, $"/quality/cases/{testCase.CaseId}", "#return-form",
            async db => Rows(db.Cases.AsNoTracking().Where(c => c.Id == testCase.CaseId))
                + await RowsAsync(db.GradeDecisions.AsNoTracking().Where(g => g.CaseId == testCase.CaseId)));
    }

    [Fact]
    public async Task AppealLodge_Fuzzed()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ResultReleased);
        using var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail);
        await RunAsync(apprentice, "/apprentice/appeal", "#appeal-form",
            async db => Rows(db.Appeals.AsNoTracking().Where(a => a.CaseId == testCase.CaseId))
                + await RowsAsync(db.Cases.AsNoTracking().Where(c => c.Id == testCase.CaseId)));
    }

    [Fact]
    public async Task ProviderGatewayCoSign_Fuzzed()
    {
        var pennine = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Web.Data.Seed.DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());
        var (_, caseId) = await EmployerScenario.ToStateAsync(factory, CaseState.Registered, new Web.Data.Seed.ScenarioOptions { ProviderOrganisationId = pennine });
        using var provider = await factory.SignInAsync(Demo.Provider);
        await RunAsync(provider, $"/provider/cases/{caseId}", "#co-sign-form",
            db => Rows(db.Cases.AsNoTracking().Where(c => c.Id == caseId)));
    }

    [Fact]
    public async Task ProviderAgreeNextAttempt_Fuzzed()
    {
        var pennine = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Web.Data.Seed.DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());
        var (_, caseId) = await EmployerScenario.ToStateAsync(factory, CaseState.FailRecorded, Web.Data.Seed.ScenarioOptions.Fail with { ProviderOrganisationId = pennine });
        using var provider = await factory.SignInAsync(Demo.Provider);
        await RunAsync(provider, $"/provider/cases/{caseId}", "#next-attempt-form",
            db => Rows(db.Cases.AsNoTracking().Where(c => c.Id == caseId)));
    }

    [Fact]
    public async Task ProviderRegisterApprentice_Fuzzed()
    {
        var pennine = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Web.Data.Seed.DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());
        await EmployerScenario.ToStateAsync(factory, CaseState.Registered, new Web.Data.Seed.ScenarioOptions { ProviderOrganisationId = pennine });
        using var provider = await factory.SignInAsync(Demo.Provider);
        await RunAsync(provider, "/provider/register", "#register-form",
            async db => Rows(db.Cases.AsNoTracking().Where(c => c.ProviderOrganisationId == pennine)) + await RowsAsync(db.Apprentices.AsNoTracking().OrderBy(a => a.Id)));
    }

    [Fact]
    public async Task AdminApprenticeCreate_Fuzzed()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var ulns = new Queue<string>();
        for (var i = 0; i < FuzzHarness.Iterations + 1; i++)
        {
            ulns.Enqueue(await NewUlnAsync());
        }

        await RunAsync(admin, "/admin/apprentices/new", "form[action='/admin/apprentices/new']",
            async db => $"{await db.Apprentices.CountAsync()} {await db.Users.CountAsync()} {await db.Cases.CountAsync()}",
            new FuzzOptions
            {
                Baseline = () => new Dictionary<string, string>
                {
                    ["Input.Uln"] = ulns.Count > 0 ? ulns.Dequeue() : "1000000000",
                    ["Input.GivenNames"] = "Fuzz",
                    ["Input.FamilyName"] = "Apprentice",
                    ["Input.Email"] = $"fuzz-{Guid.NewGuid():N}@test.test",
                    ["Input.StartDate"] = "2025-09-01",
                    ["Input.DateOfBirth"] = "2004-05-06",
                },
            });
    }

    [Fact]
    public async Task AdminUserInvite_Fuzzed()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        await RunAsync(admin, "/admin/users/invite", "form[action='/admin/users/invite']",
            async db => $"{await db.Users.CountAsync()} {await db.UserRoles.CountAsync()}",
            new FuzzOptions
            {
                Fixed = new Dictionary<string, string> { ["Input.Roles"] = "Assessor" },
                Baseline = () => new Dictionary<string, string> { ["Input.DisplayName"] = "Fuzz Assessor", ["Input.Email"] = $"fuzz-{Guid.NewGuid():N}@test.test" },
            });
    }

    [Fact]
    public async Task AdminOrganisationCreate_Fuzzed()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        await RunAsync(admin, "/admin/organisations/new", "form[action='/admin/organisations/new']",
            db => Rows(db.Organisations.AsNoTracking().OrderBy(o => o.Id)));
    }

    [Theory]
    [InlineData("hold")]
    [InlineData("withdraw")]
    public async Task AdminCaseReason_Fuzzed(string command)
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var admin = await factory.SignInAsync(Demo.Admin);
        await RunAsync(admin, $"/admin/cases/{caseId}/{command}", $"form[action$='/{command}']",
            db => Rows(db.Cases.AsNoTracking().Where(c => c.Id == caseId)));
    }

    [Fact]
    public async Task ConflictOfInterestDeclaration_Fuzzed()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor2);
        await RunAsync(assessor, "/assessor/conflicts", "form[action='/assessor/conflicts']",
            db => Rows(db.ConflictsOfInterest.AsNoTracking().OrderBy(c => c.Id)));
    }

    [Fact]
    public async Task AccountLogin_Fuzzed()
    {
        using var anonymous = factory.CreatePortalClient();
        await RunAsync(anonymous, "/Identity/Account/Login", "form#account",
            async db => string.Join(',', await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.AccessFailedCount}:{u.LockoutEnd}").ToListAsync())
                + await db.UserSessions.CountAsync());
    }

    private static string Rows<T>(IQueryable<T> query) => FuzzHarness.Json(query.ToList());

    private static async Task<string> RowsAsync<T>(IQueryable<T> query) => FuzzHarness.Json(await query.ToListAsync());

    /// <summary>A ULN with a valid check digit that no apprentice has (from the portal's own scenario generator).</summary>
    private async Task<string> NewUlnAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await new TestScenarios(scope.ServiceProvider).NewUlnAsync();
    }

    private async Task RunAsync(PortalClient client, string pageUrl, string selector, Func<PortalDbContext, Task<string>> snapshot, FuzzOptions? options = null)
    {
        var started = DateTime.UtcNow;
        var report = await FuzzHarness.RunAsync(factory, client, pageUrl, selector, snapshot, options);
        output.WriteLine($"{pageUrl}: {report.Posts} posts ({report.Accepted} accepted, {report.Refused} refused) in {(DateTime.UtcNow - started).TotalSeconds:0.0} s; fields: {string.Join(", ", report.Fields)}");
    }

    private Task RunAsync(PortalClient client, string pageUrl, string selector, Func<PortalDbContext, string> snapshot, FuzzOptions? options = null) =>
        RunAsync(client, pageUrl, selector, db => Task.FromResult(snapshot(db)), options);
}
