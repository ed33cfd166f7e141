using System.Globalization;
using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Gateway;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>One request of the walk: who sent it, which endpoint answered, and the SQL commands it caused.</summary>
public sealed record WalkStep(string Role, string Method, string Url, string? Endpoint, HttpStatusCode Status, IReadOnlyList<RecordedCommand> Commands)
{
    /// <summary>What the request asked the database besides the sign-in ticket lookup (counted apart, as in every budget).</summary>
    public IReadOnlyList<RecordedCommand> Counted => Commands.Where(c => !c.IsSessionRead).ToList();

    public IReadOnlyList<RecordedCommand> Writes => Counted.Where(c => c.IsWrite).ToList();

    public bool IsGet => Method == "GET";

    public int Budget => EndpointBudgets.Budget(IsGet, Counted.Count(c => c.IsAuditChainLock));

    public string Describe() =>
        $"{Method} {Url} ({Endpoint}, {Role}, {(int)Status}) issued {Counted.Count} commands (budget {Budget}):{Environment.NewLine}{string.Join(Environment.NewLine + "--" + Environment.NewLine, Counted.Select(c => c.Sql))}";
}

/// <summary>
/// Walks the main journeys of every role through the portal's pages, as its people would, recording each
/// request's SQL commands: one case from registration to the certificate (the apprentice's portfolio, the
/// employer's confirmation, reference and gateway, the admin's allocation and gateway check, the assessor's
/// brief, review, notes, interview and judgement, quality assurance, release), and the branches beside it on
/// cases of their own built by <see cref="CaseScenarios"/> (a returned portfolio, a grade returned by QA, a fail
/// and its re-sit, appeals, a hold, an extension, a new case, conflicts, the admin's reference data).
/// </summary>
public sealed class JourneyWalk(VolumePortalFactory factory)
{
    private readonly List<WalkStep> _steps = [];
    private readonly List<Person> _people = [];

    public IReadOnlyList<WalkStep> Steps => _steps;

    public static async Task<IReadOnlyList<WalkStep>> RunAsync(VolumePortalFactory factory)
    {
        var walk = new JourneyWalk(factory);
        await walk.WalkAsync();
        return walk.Steps;
    }

    private async Task WalkAsync()
    {
        var acme = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        var northwind = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Northwind).Select(o => o.Id).SingleAsync());
        var assessorId = await UserIdAsync(Demo.Assessor);
        var adminId = await UserIdAsync(Demo.Admin);

        // Side cases first, while the clock is where the scenarios expect it.
        var returned = await CaseAsync(CaseState.Registered);
        await EmployerScenario.SubmitPortfolioAsync(factory, returned.Id);
        var qaReturned = await CaseAsync(CaseState.Graded, new ScenarioOptions { AssessorEmail = Demo.Assessor });
        var qaModerated = await CaseAsync(CaseState.Graded, new ScenarioOptions { AssessorEmail = Demo.Assessor });
        var appealed = await CaseAsync(CaseState.ResultReleased, new ScenarioOptions { AssessorEmail = Demo.Assessor });
        var employerAppeal = await CaseAsync(CaseState.ResultReleased, new ScenarioOptions { AssessorEmail = Demo.Assessor });
        var failed = await CaseAsync(CaseState.ResultReleased, ScenarioOptions.Fail with { AssessorEmail = Demo.Assessor });
        var held = await CaseAsync(CaseState.Registered);
        var extended = await CaseAsync(CaseState.ProjectInProgress, new ScenarioOptions { AssessorEmail = Demo.Assessor });
        var unregistered = await ApprenticeAsync();
        var main = await CaseAsync(CaseState.Registered);
        var bulk = await CaseAsync(CaseState.GatewaySubmitted);
        var pennine = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());
        var trained = await CaseAsync(CaseState.Registered, new ScenarioOptions { ProviderOrganisationId = pennine });
        var trainedFailed = await CaseAsync(CaseState.FailRecorded, ScenarioOptions.Fail with { AssessorEmail = Demo.Assessor, ProviderOrganisationId = pennine });

        var apprentice = await PersonAsync("apprentice", main.Email);
        var employer = await PersonAsync("employer", Demo.Employer);
        var admin = await PersonAsync("admin", Demo.Admin);
        var assessor = await PersonAsync("assessor", Demo.Assessor);
        var qa = await PersonAsync("quality assurer", Demo.QualityAssurer);
        var provider = await PersonAsync("training provider", Demo.Provider);

        // The training provider (issue 19) follows its apprentices and co-signs a gateway.
        await GetAsync(provider, "/provider");
        await GetAsync(provider, "/provider?show=closed");
        await GetAsync(provider, "/provider/register");
        string bookedUln;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            bookedUln = await new TestScenarios(scope.ServiceProvider).NewUlnAsync();
        }

        await PostAsync(provider, "/provider/register", c => c.SubmitFormAsync("/provider/register", new Dictionary<string, string>
        {
            ["Input.EmployerOrganisationId"] = acme.ToString(CultureInfo.InvariantCulture),
            ["Input.Uln"] = bookedUln,
            ["Input.GivenNames"] = "Walter",
            ["Input.FamilyName"] = "Booked",
            ["Input.Email"] = "walter.booked@budget-walk.test",
            ["Input.StartDate"] = "2025-09-01",
            ["Input.PlannedGatewayDate"] = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddMonths(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, "#register-form"));
        await GetAsync(provider, $"/provider/cases/{trained.Id}");
        await PostAsync(provider, $"/provider/cases/{trained.Id}/gateway/co-sign", c => c.SubmitFormAsync($"/provider/cases/{trained.Id}", new Dictionary<string, string>
        {
            ["CoSign.Name"] = "Priya Pennine",
            ["CoSign.JobTitle"] = "Apprenticeship manager",
            ["CoSign.ReadinessConfirmed"] = "true",
        }, "form[action$='/gateway/co-sign']"));
        await PostAsync(provider, $"/provider/cases/{trained.Id}/gateway/evidence", c => GatewayForm.PostToAsync(c, $"/provider/cases/{trained.Id}/gateway/evidence", $"/provider/cases/{trained.Id}", new Dictionary<string, string>(), [new SlotFile("maths", "gcse-maths.pdf", Files.Pdf())]));

        // After a released Fail the provider agrees a re-take with its supportive action plan.
        await GetAsync(provider, $"/provider/cases/{trainedFailed.Id}");
        await PostAsync(provider, $"/provider/cases/{trainedFailed.Id}/next-attempt", c => c.SubmitFormAsync($"/provider/cases/{trainedFailed.Id}", new Dictionary<string, string>
        {
            ["Agree.Kind"] = "Retake",
            ["Agree.Name"] = "Priya Pennine",
            ["Agree.Plan"] = "Four weeks of further training on testing, then a mock interview.",
        }, "#next-attempt-form"));
        await PostAsync(provider, $"/provider/cases/{trainedFailed.Id}/next-attempt/plan", c => GatewayForm.PostToAsync(c, $"/provider/cases/{trainedFailed.Id}/next-attempt/plan", $"/provider/cases/{trainedFailed.Id}", new Dictionary<string, string>(), [new SlotFile("plan", "action-plan.pdf", Files.Pdf())]));

        // The apprentice builds and submits the portfolio.
        await GetAsync(apprentice, "/apprentice");
        await GetAsync(apprentice, "/apprentice/portfolio");
        await GetAsync(apprentice, "/apprentice/portfolio/upload");
        await PostAsync(apprentice, "/apprentice/portfolio/upload", c => Uploads.PostAsync(c, "/apprentice/portfolio/upload", [new UploadFile("refund-endpoint.pdf", Files.Pdf())], Uploads.Details("Refund endpoint")), HttpStatusCode.OK);
        var item = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == main.Id).OrderBy(e => e.Id).Select(e => new { e.Id, e.CurrentFileId }).FirstAsync());
        var itemUrl = $"/apprentice/portfolio/items/{item.Id}";
        await GetAsync(apprentice, itemUrl);
        await GetAsync(apprentice, $"{itemUrl}/edit");
        await PostAsync(apprentice, $"{itemUrl}/edit", c => c.SubmitFormAsync($"{itemUrl}/edit", new Dictionary<string, string> { ["Input.Title"] = "Refund endpoint design" }, "form[action$='/edit']"));
        await GetAsync(apprentice, $"{itemUrl}/map");
        var competencies = await factory.WithDbAsync(db => db.Competencies.OrderBy(c => c.Id).Select(c => c.Id.ToString(CultureInfo.InvariantCulture)).Take(3).ToListAsync());
        await PostAsync(apprentice, $"{itemUrl}/map", async c => await (await FormData.LoadAsync(c, $"{itemUrl}/map", "form[action$='/map']")).Set("CompetencyIds", [.. competencies]).PostAsync(c));
        await PostAsync(apprentice, "/apprentice/portfolio/upload", c => Uploads.PostAsync(c, "/apprentice/portfolio/upload", [new UploadFile("draft.pdf", Files.Pdf())], Uploads.Details("A draft")), HttpStatusCode.OK);
        var second = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == main.Id).OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync());
        var secondUrl = $"/apprentice/portfolio/items/{second}";
        await GetAsync(apprentice, $"{secondUrl}/replace");
        await PostAsync(apprentice, $"{secondUrl}/replace", c => Uploads.PostAsync(c, $"{secondUrl}/replace", [new UploadFile("draft-2.pdf", Files.Pdf())], new Dictionary<string, string>(), fileField: "file"), HttpStatusCode.OK);
        await GetAsync(apprentice, $"{secondUrl}/remove");
        await PostAsync(apprentice, $"{secondUrl}/remove", c => c.SubmitFormAsync($"{secondUrl}/remove", new Dictionary<string, string>(), "form[action$='/remove']"));
        await GetAsync(apprentice, "/apprentice/portfolio/coverage");
        await GetAsync(apprentice, "/apprentice/portfolio/submit");
        await PostAsync(apprentice, "/apprentice/portfolio/submit", c => c.SubmitFormAsync("/apprentice/portfolio/submit", new Dictionary<string, string> { ["Input.OwnWorkDeclaration"] = "true", ["Input.ConfirmGaps"] = "true" }, "form[action$='/submit']"));

        // The employer confirms the portfolio (and returns another), records entry requirements, writes the reference, submits the gateway.
        var caseUrl = $"/employer/cases/{main.Id}";
        await GetAsync(employer, "/employer");
        await GetAsync(employer, caseUrl);
        await GetAsync(employer, $"{caseUrl}/portfolio");
        await PostAsync(employer, $"{caseUrl}/portfolio/confirm", c => c.SubmitFormAsync($"{caseUrl}/portfolio", new Dictionary<string, string>
        {
            ["Confirm.Name"] = "Erin Employer",
            ["Confirm.JobTitle"] = "Engineering Manager",
            ["Confirm.Declaration"] = "true",
        }, "form[action$='/portfolio/confirm']"));
        await PostAsync(employer, $"/employer/cases/{returned.Id}/portfolio/return", c => c.SubmitFormAsync($"/employer/cases/{returned.Id}/portfolio", new Dictionary<string, string> { ["Return.Reason"] = "Please add the design document." }, "form[action$='/portfolio/return']"));
        await GetAsync(employer, $"{caseUrl}/entry-requirements");
        await PostAsync(employer, $"{caseUrl}/entry-requirements", c => c.SubmitFormAsync($"{caseUrl}/entry-requirements", new Dictionary<string, string>
        {
            ["Input.Kind"] = "GCSE",
            ["Input.Subject"] = "Mathematics",
            ["Input.Grade"] = "7",
            ["Input.AchievedOn"] = "2019-08-22",
        }, "form[action$='/entry-requirements']"));
        var qualification = await factory.WithDbAsync(db => db.Apprentices.Where(a => a.Email == main.Email).SelectMany(a => a.EntryQualifications).Select(q => q.Id).SingleAsync());
        await PostAsync(employer, $"{caseUrl}/entry-requirements/{qualification}/remove", c => c.PostWithTokenAsync($"{caseUrl}/entry-requirements", $"{caseUrl}/entry-requirements/{qualification}/remove", []));
        await GetAsync(employer, $"{caseUrl}/reference");
        await PostAsync(employer, $"{caseUrl}/reference", c => c.SubmitFormAsync($"{caseUrl}/reference", new Dictionary<string, string> { ["Input.RefereeName"] = "Erin Employer", ["command"] = "save" }, "form[action$='/reference']"));
        var reference = new Dictionary<string, string>
        {
            ["Input.RefereeName"] = "Erin Employer",
            ["Input.RefereeJobTitle"] = "Engineering Manager",
            ["Input.RelationshipToApprentice"] = "Line manager",
            ["Input.MonthsSupervised"] = "18",
            ["Input.RefereeEmail"] = "erin@acme.demo.test",
            ["Input.DeclarationAccepted"] = "true",
            ["command"] = "submit",
        };
        var areas = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == main.Id).SelectMany(c => c.StandardVersion!.Areas).CountAsync());
        for (var i = 0; i < areas; i++)
        {
            reference[$"Input.Sections[{i}].Narrative"] = EmployerScenario.Narrative;
        }

        await PostAsync(employer, $"{caseUrl}/reference", c => c.SubmitFormAsync($"{caseUrl}/reference", reference, "form[action$='/reference']"));
        await GetAsync(employer, $"{caseUrl}/gateway");
        await PostAsync(employer, $"{caseUrl}/gateway", c => GatewayForm.PostAsync(c, main.Id, GatewayForm.Complete(), [.. GatewayForm.Certificates(), new SlotFile("english", "gcse-english.pdf", Files.Pdf())]));

        // The admin allocates the assessor and approves the gateway.
        await GetAsync(admin, "/admin");
        await GetAsync(admin, "/admin/cases");
        await GetAsync(admin, $"/admin/cases/{main.Id}");
        await GetAsync(admin, $"/admin/cases/{main.Id}/allocate");
        await PostAsync(admin, $"/admin/cases/{main.Id}/allocate", c => c.PostWithTokenAsync($"/admin/cases/{main.Id}/allocate", $"/admin/cases/{main.Id}/allocate", [new("assessorId", assessorId)]));
        await GetAsync(admin, $"/admin/cases/{main.Id}/gateway");
        await PostAsync(admin, $"/admin/cases/{main.Id}/gateway", async c =>
        {
            var form = await FormData.LoadAsync(c, $"/admin/cases/{main.Id}/gateway", "form[action$='/gateway']");
            for (var i = 0; form.Get($"Input.Items[{i}].Item") is not null; i++)
            {
                form.Set($"Input.Items[{i}].Decision", nameof(GatewayItemDecision.Approved));
            }

            return await form.Set("decision", "approve").PostAsync(c);
        });

        // The assessor sets the project brief; the portal's clock opens the window.
        await GetAsync(assessor, "/assessor");
        await GetAsync(assessor, "/assessor/export.csv");
        await GetAsync(assessor, "/assessor?sort=deadline");
        await GetAsync(assessor, "/assessor/export.csv?sort=-apprentice");
        await GetAsync(assessor, "/assessor?show=closed&sort=closed");
        await GetAsync(assessor, "/assessor/export.csv?show=closed&sort=-closed");
        await GetAsync(assessor, $"/assessor/cases/{main.Id}");
        await GetAsync(assessor, $"/assessor/cases/{main.Id}/project");
        await PostAsync(assessor, $"/assessor/cases/{main.Id}/project", async c => await (await FormData.LoadAsync(c, $"/assessor/cases/{main.Id}/project", "form.project-brief-form"))
            .Set("Title", "Synoptic project: a booking component")
            .Set("Text", "Build a small booking component for a leisure centre: a data model, a user interface, tests and a short report.")
            .PostAsync(c));
        var opens = await factory.WithDbAsync(db => db.ProjectSubmissions.Where(p => p.CaseId == main.Id).Select(p => p.WindowOpensAt).SingleAsync());
        await PassTimeAsync(opens.AddMinutes(1));

        // The apprentice hands in the project.
        await GetAsync(apprentice, "/apprentice/project");
        await PostAsync(apprentice, "/apprentice/project/upload", c => Uploads.PostAsync(c, "/apprentice/project/upload", [new UploadFile("booking-component.pdf", Files.Pdf())], new Dictionary<string, string>()), HttpStatusCode.OK);
        await PostAsync(apprentice, "/apprentice/project/summary", c => c.SubmitFormAsync("/apprentice/project", new Dictionary<string, string> { ["Summary.Text"] = "A layered booking component with tests." }, "form[action='/apprentice/project/summary']"));
        await PostAsync(apprentice, "/apprentice/project/upload", c => Uploads.PostAsync(c, "/apprentice/project/upload", [new UploadFile("spare.pdf", Files.Pdf())], new Dictionary<string, string>()), HttpStatusCode.OK);
        var spare = await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.CaseId == main.Id && f.OriginalFileName == "spare.pdf").Select(f => f.Id).SingleAsync());
        await PostAsync(apprentice, $"/apprentice/project/deliverables/{spare}/remove", c => c.PostWithTokenAsync("/apprentice/project", $"/apprentice/project/deliverables/{spare}/remove", []));
        await PostAsync(apprentice, "/apprentice/project/submit", c => c.SubmitFormAsync("/apprentice/project", new Dictionary<string, string>(), "form[action='/apprentice/project/submit']"));

        // The assessor reviews, writes the notes and questions, books, moves and records the interview.
        var assessorCase = $"/assessor/cases/{main.Id}";
        await GetAsync(assessor, assessorCase);
        await PostAsync(assessor, $"{assessorCase}/start-review", c => c.SubmitFormAsync(assessorCase, new Dictionary<string, string>(), "form[action$='start-review']"));
        await GetAsync(assessor, $"{assessorCase}/notes");
        await PostAsync(assessor, $"{assessorCase}/notes/autosave", async c =>
        {
            var form = await AssessorJourney.CompleteNotesFormAsync(c, main.Id, "First thoughts.", "Not posted by the background save.");
            using var content = new FormUrlEncodedContent(FieldsOf(form));
            return await c.Http.PostAsync(new Uri($"{assessorCase}/notes/autosave", UriKind.Relative), content);
        }, HttpStatusCode.OK);
        await PostAsync(assessor, $"{assessorCase}/notes", async c => await (await AssessorJourney.CompleteNotesFormAsync(c, main.Id, "The portfolio covers every competency.", "How did you test the booking rules?")).PostAsync(c));
        await GetAsync(assessor, $"{assessorCase}/interview");
        await PostAsync(assessor, $"{assessorCase}/interview/book", c => AssessorJourney.BookAsync(factory, c, main.Id));
        await PostAsync(assessor, $"{assessorCase}/interview/reschedule", async c =>
        {
            var form = await FormData.LoadAsync(c, $"{assessorCase}/interview", "form.booking-form");
            var day = DateOnly.Parse(form.Get("Day")!, CultureInfo.InvariantCulture).AddDays(1);
            return await form.Set("Day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Set("Reason", "The apprentice asked for the next day.").PostAsync(c);
        });
        await GetAsync(assessor, $"/assessor/cases/{main.Id}/project");
        var interviewAt = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == main.Id).Select(i => i.StartsAt).SingleAsync());
        await PassTimeAsync(interviewAt.AddMinutes(65)); // the booked hour has passed: completed on time, no early-end reason
        await GetAsync(assessor, $"{assessorCase}/interview");
        await PostAsync(assessor, $"{assessorCase}/interview/record", async c => await (await AssessorJourney.AnsweredRecordFormAsync(c, main.Id, "Unit tests for each rule.")).PostAsync(c));
        await PostAsync(assessor, $"{assessorCase}/interview/record", async c => await (await AssessorJourney.AnsweredRecordFormAsync(c, main.Id, "Unit tests for each rule.")).Set("Complete", "true").PostAsync(c));

        // The final judgement: the background save, a draft, then the submission (the worked example of docs/architecture.md).
        await GetAsync(assessor, $"{assessorCase}/judgement");
        await PostAsync(assessor, $"{assessorCase}/judgement/autosave", async c =>
        {
            var form = await AssessorJourney.JudgementFormAsync(c, main.Id, AreaLevel.Expected, AreaLevel.Above, AreaLevel.Expected, "Judged on all four methods");
            using var content = new FormUrlEncodedContent(FieldsOf(form));
            return await c.Http.PostAsync(new Uri($"{assessorCase}/judgement/autosave", UriKind.Relative), content);
        }, HttpStatusCode.OK);
        await PostAsync(assessor, $"{assessorCase}/judgement", async c => await (await AssessorJourney.JudgementFormAsync(c, main.Id, AreaLevel.Expected, AreaLevel.Above, AreaLevel.Expected, "Judged on all four methods"))
            .Set("Feedback", "A well-tested component.").PostAsync(c));
        await PostAsync(assessor, $"{assessorCase}/judgement", async c => await (await FormData.LoadAsync(c, $"{assessorCase}/judgement", "#judgement-form")).Set("Submit", "true").PostAsync(c));
        await GetAsync(assessor, $"{assessorCase}/judgement");

        // Quality assurance approves this grade and returns another.
        await GetAsync(qa, "/quality");
        await GetAsync(qa, "/quality?sort=-graded");
        await GetAsync(qa, "/quality/export.csv?sort=-graded");
        await GetAsync(qa, $"/quality/cases/{main.Id}");
        await PostAsync(qa, $"/quality/cases/{main.Id}/approve", c => c.SubmitFormAsync($"/quality/cases/{main.Id}", new Dictionary<string, string>(), "#approve-form"));
        await GetAsync(qa, "/quality/decided");
        await GetAsync(qa, $"/quality/cases/{qaReturned.Id}");
        await PostAsync(qa, $"/quality/cases/{qaReturned.Id}/return", c => c.SubmitFormAsync($"/quality/cases/{qaReturned.Id}", new Dictionary<string, string>
        {
            ["Return.Target"] = nameof(CaseState.InterviewCompleted),
            ["Return.Reason"] = "The rationale for With Whom cites no interview evidence.",
        }, "#return-form"));

        // Or moderates a grade instead (issue 21, item 5): the scenario grades a Merit.
        await PostAsync(qa, $"/quality/cases/{qaModerated.Id}/moderate", c => c.SubmitFormAsync($"/quality/cases/{qaModerated.Id}", new Dictionary<string, string>
        {
            ["Moderate.Grade"] = "Distinction",
            ["Moderate.Reason"] = "Every area's evidence is well above the expected level.",
        }, "#moderate-form"));

        // The admin releases the result; the apprentice and the employer read it; the admin requests the certificate.
        await GetAsync(admin, "/admin/results");
        await GetAsync(admin, "/admin/results/released.csv?sort=released");
        await GetAsync(admin, $"/admin/results/cases/{main.Id}");
        await PostAsync(admin, "/admin/results/release", c => c.PostWithTokenAsync("/admin/results", "/admin/results/release", [new("CaseIds", main.Id.ToString(CultureInfo.InvariantCulture))]));
        await GetAsync(apprentice, "/apprentice/result");
        await GetAsync(apprentice, "/apprentice/appeal");
        await GetAsync(employer, $"{caseUrl}/result");
        await GetAsync(employer, $"{caseUrl}/appeal");
        await GetAsync(employer, $"/cases/{main.Id}", HttpStatusCode.Redirect);
        await GetAsync(employer, $"/cases/{main.Id}/result", HttpStatusCode.Redirect);
        await GetAsync(employer, $"/cases/{main.Id}/portfolio");
        await GetAsync(employer, $"/cases/{main.Id}/portfolio/items/{item.Id}");
        await GetAsync(assessor, $"/evidence/files/{item.CurrentFileId}");
        await GetAsync(assessor, $"/evidence/files/{item.CurrentFileId}/view");
        await GetAsync(assessor, $"/evidence/files/{item.CurrentFileId}/inline");
        await PostAsync(admin, $"/admin/results/cases/{main.Id}/certificate", c => c.SubmitFormAsync($"/admin/results/cases/{main.Id}", new Dictionary<string, string>
        {
            ["Certificate.DetailsChecked"] = "true",
            ["Certificate.RequirementsMet"] = "true",
        }, "#certificate-form"));
        await GetAsync(admin, "/admin/results/export.csv");
        await GetAsync(admin, "/admin/results/export-check");

        // Appeals: lodged by the apprentice and by an employer, reviewed and upheld, re-assessed by another assessor.
        var appellant = await PersonAsync("apprentice", appealed.Email);
        await PostAsync(appellant, "/apprentice/appeal", c => c.SubmitFormAsync("/apprentice/appeal", new Dictionary<string, string> { ["Lodge.Grounds"] = "The interview did not cover my database work." }, "#appeal-form"));
        await PostAsync(employer, $"/employer/cases/{employerAppeal.Id}/appeal", c => c.SubmitFormAsync($"/employer/cases/{employerAppeal.Id}/appeal", new Dictionary<string, string> { ["Lodge.Grounds"] = "The interview ran short." }, "#appeal-form"));
        var appealUrl = $"/admin/cases/{appealed.Id}/appeal";
        await GetAsync(admin, "/admin/appeals");
        await GetAsync(admin, appealUrl);
        await PostAsync(admin, $"{appealUrl}/reviewer", c => c.SubmitFormAsync(appealUrl, new Dictionary<string, string> { ["Assign.ReviewerId"] = adminId }, "#reviewer-form"));
        await PostAsync(admin, $"{appealUrl}/decision", c => c.SubmitFormAsync(appealUrl, new Dictionary<string, string> { ["Decide.Outcome"] = "Upheld", ["Decide.Reason"] = "The interview did not cover the project." }, "#decision-form"));
        using (var allocation = await factory.SignInAsync(Demo.Admin))
        {
            var allocated = await allocation.PostWithTokenAsync($"/admin/cases/{appealed.Id}/allocate", $"/admin/cases/{appealed.Id}/allocate", [new("assessorId", await UserIdAsync(Demo.Assessor2))]);
            Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);
        }

        await PostAsync(admin, $"{appealUrl}/reassessment", c => c.SubmitFormAsync(appealUrl, new Dictionary<string, string>(), "#reassessment-form"));

        // A fail: recorded, exceptional circumstances, a re-sit planned.
        var failedUrl = $"/admin/results/cases/{failed.Id}";
        await GetAsync(admin, failedUrl);
        await PostAsync(admin, $"{failedUrl}/fail", c => c.SubmitFormAsync(failedUrl, new Dictionary<string, string>(), "#fail-form"));
        await PostAsync(admin, $"{failedUrl}/exceptional-circumstances", c => c.SubmitFormAsync(failedUrl, new Dictionary<string, string> { ["Exceptional.Recorded"] = "true", ["Exceptional.Reason"] = "Hospital stay during attempt 1." }, "#exceptional-form"));
        await PostAsync(admin, $"{failedUrl}/next-attempt", c => c.SubmitFormAsync(failedUrl, new Dictionary<string, string> { ["NextAttempt.Kind"] = "Resit", ["NextAttempt.EmployerAgreed"] = "true" }, "#next-attempt-form"));
        await GetAsync(admin, $"/admin/cases/{failed.Id}/reference");
        await PostAsync(admin, $"/admin/cases/{failed.Id}/reference/reopen", c => c.SubmitFormAsync($"/admin/cases/{failed.Id}/reference", new Dictionary<string, string> { ["Reopen.Reason"] = "Please add an example for With Whom." }, "form[action$='/reopen']"));

        // Management information (issue 21): the reports, a drill-down and the downloads, for admins and quality assurers.
        await GetAsync(admin, "/reports");
        await GetAsync(qa, "/reports?by=assessor");
        await GetAsync(admin, "/reports/cases?figure=Passed");
        await GetAsync(qa, "/reports/cases?figure=Returned&by=assessor");
        await GetAsync(admin, "/reports/results.csv");
        await GetAsync(admin, "/reports/cases.csv?figure=Results");

        // Lists sort and export (issue 21 item 2): the case list by time in the state, and its CSV.
        await GetAsync(admin, "/admin/cases?show=all&sort=-since");
        await GetAsync(admin, "/admin/cases/export.csv?state=Registered&sort=since");
        await GetAsync(admin, "/admin/apprentices?sort=-started");
        await GetAsync(admin, "/admin/apprentices/export.csv?q=a&sort=uln");
        await GetAsync(admin, "/admin/users?role=Assessor&sort=-email");
        await GetAsync(admin, "/admin/users/export.csv?sort=name");
        await GetAsync(admin, "/admin/organisations?sort=-added");
        await GetAsync(admin, "/admin/organisations/export.csv?sort=-name");
        await GetAsync(admin, "/admin/audit?sort=at");
        await GetAsync(admin, "/admin/audit/export.csv?user=admin&sort=-at");

        // The admin's case actions: a new case, a hold and its end, a withdrawal, a project extension.
        await GetAsync(admin, "/admin/cases/new");
        var versionId = await factory.WithDbAsync(db => db.StandardVersions.Where(v => v.IsActive).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());
        await PostAsync(admin, "/admin/cases/new", c => c.SubmitFormAsync("/admin/cases/new", new Dictionary<string, string>
        {
            ["Input.Uln"] = unregistered.Uln,
            ["Input.StandardVersionId"] = versionId.ToString(CultureInfo.InvariantCulture),
        }, "form[action='/admin/cases/new']"));
        foreach (var command in new[] { "hold", "resume", "withdraw" })
        {
            await GetAsync(admin, $"/admin/cases/{held.Id}/{command}");
            await PostAsync(admin, $"/admin/cases/{held.Id}/{command}", c => c.SubmitFormAsync($"/admin/cases/{held.Id}/{command}", new Dictionary<string, string> { ["Input.Reason"] = $"Budget walk: {command}." }, $"form[action$='/{command}']"));
        }

        var extendedCase = await factory.WithDbAsync(db => db.ProjectSubmissions.Where(p => p.CaseId == extended.Id).Select(p => p.WindowClosesAt).SingleAsync());
        await GetAsync(admin, $"/admin/cases/{extended.Id}/extension");
        await PostAsync(admin, $"/admin/cases/{extended.Id}/extension", c => c.SubmitFormAsync($"/admin/cases/{extended.Id}/extension", new Dictionary<string, string>
        {
            ["Input.UntilDate"] = DateOnly.FromDateTime((extendedCase > factory.Clock.GetUtcNow() ? extendedCase : factory.Clock.GetUtcNow()).UtcDateTime).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.UntilTime"] = "17:00",
            ["Input.Reason"] = "Bereavement during the project week.",
        }, "form[action$='/extension']"));

        // The assessor's declared conflicts.
        await GetAsync(assessor, "/assessor/conflicts");
        await PostAsync(assessor, "/assessor/conflicts", c => c.SubmitFormAsync("/assessor/conflicts", new Dictionary<string, string>
        {
            ["Input.OrganisationId"] = northwind.ToString(CultureInfo.InvariantCulture),
            ["Input.From"] = UkToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Reason"] = "My sister is Northwind's engineering manager.",
        }, "form[action='/assessor/conflicts']"));
        var conflict = await factory.WithDbAsync(db => db.ConflictsOfInterest.Where(x => x.AssessorId == assessorId && x.Reason == "My sister is Northwind's engineering manager.").Select(x => x.Id).SingleAsync());
        await PostAsync(assessor, $"/assessor/conflicts/{conflict}/end", c => c.PostWithTokenAsync("/assessor/conflicts", $"/assessor/conflicts/{conflict}/end", []));

        // The assessor's availability and private calendar feed, and a reasonable adjustment (issue 18).
        await GetAsync(assessor, "/assessor/availability");
        await PostAsync(assessor, "/assessor/availability/hours", c => c.SubmitFormAsync("/assessor/availability", new Dictionary<string, string>(), "form.hours-form"));
        var leaveDay = UkToday().AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await PostAsync(assessor, "/assessor/availability/leave", c => c.SubmitFormAsync("/assessor/availability", new Dictionary<string, string>
        {
            ["NewLeave.FirstDay"] = leaveDay,
            ["NewLeave.LastDay"] = leaveDay,
        }, "form.leave-form"));
        await PostAsync(assessor, "/assessor/availability/leave/remove", c => c.SubmitFormAsync("/assessor/availability", new Dictionary<string, string>(), "form[action$='/leave/remove']"));
        string? feedUrl = null;
        await PostAsync(assessor, "/assessor/availability/feed", async c =>
        {
            var response = await c.SubmitFormAsync("/assessor/availability", new Dictionary<string, string>(), "form[action$='/availability/feed']");
            feedUrl = (await PortalClient.ParseAsync(response)).QuerySelector("input.feed-url")?.GetAttribute("value");
            return response;
        }, HttpStatusCode.OK);
        await GetAsync(assessor, new Uri(feedUrl!).AbsolutePath);
        await PostAsync(assessor, "/assessor/availability/feed/revoke", c => c.SubmitFormAsync("/assessor/availability", new Dictionary<string, string>(), "form[action$='/feed/revoke']"));
        var adjustments = $"/admin/cases/{main.Id}/adjustments";
        await GetAsync(admin, adjustments);
        await PostAsync(admin, adjustments, c => c.SubmitUploadFormAsync(adjustments, new Dictionary<string, string>
        {
            ["Input.Type"] = "RestBreaks",
            ["Input.Details"] = "A short break every 30 minutes (occupational health letter).",
        }, "form.adjustment-form", new FormUpload("evidence", "occupational-health.pdf", Portfolio.Files.Pdf())));
        var adjustmentId = await factory.WithDbAsync(db => db.ReasonableAdjustments.Where(a => a.CaseId == main.Id).Select(a => a.Id).SingleAsync());
        await PostAsync(admin, $"{adjustments}/{adjustmentId}/decide", c => c.SubmitFormAsync(adjustments, new Dictionary<string, string>
        {
            ["Decision.Approve"] = "true",
            ["Decision.Reason"] = "Supported by the occupational health letter.",
            ["Decision.Summary"] = "A five-minute break every 30 minutes.",
        }, $"form[action$='/{adjustmentId}/decide']"));
        await GetAsync(admin, $"/cases/{main.Id}/adjustments/{adjustmentId}/evidence");
        var amend = $"{adjustments}/{adjustmentId}/edit";
        await GetAsync(admin, amend);
        await PostAsync(admin, amend, c => c.SubmitUploadFormAsync(amend, new Dictionary<string, string>
        {
            ["Input.ExtraInterviewMinutes"] = "15",
            ["Input.Reason"] = "The letter was updated: breaks add a quarter of an hour.",
        }, "form.adjustment-edit-form"));
        var employerAdjustments = $"/employer/cases/{main.Id}/adjustments";
        await GetAsync(employer, employerAdjustments);
        await PostAsync(employer, employerAdjustments, c => c.SubmitUploadFormAsync(employerAdjustments, new Dictionary<string, string>
        {
            ["Input.Type"] = "AssistiveTechnology",
            ["Input.Details"] = "Screen-reading software for the written parts.",
        }, "form.adjustment-form", new FormUpload("evidence", "needs-assessment.pdf", Portfolio.Files.Pdf())));
        var requestId = await factory.WithDbAsync(db => db.ReasonableAdjustments.Where(a => a.CaseId == main.Id).MaxAsync(a => a.Id));
        var editRequest = $"{employerAdjustments}/{requestId}/edit";
        await GetAsync(employer, editRequest);
        await PostAsync(employer, editRequest, c => c.SubmitUploadFormAsync(editRequest, new Dictionary<string, string>
        {
            ["Input.Details"] = "Screen-reading software and a large monitor for the written parts.",
        }, "form.adjustment-edit-form"));

        // The admin's reference data and logs.
        var apprenticeId = await factory.WithDbAsync(db => db.Apprentices.Where(a => a.Email == main.Email).Select(a => a.Id).SingleAsync());
        var apprenticeUserId = await UserIdAsync(main.Email);
        foreach (var url in new[]
        {
            "/admin/audit", "/admin/outbox", "/admin/conflicts", "/admin/appeals",
            "/admin/organisations", "/admin/organisations/new", $"/admin/organisations/{acme}",
            "/admin/apprentices", "/admin/apprentices/new", "/admin/apprentices/import", $"/admin/apprentices/{apprenticeId}",
            "/admin/standards", "/admin/standards/import", $"/admin/standards/versions/{versionId}",
            "/admin/users", "/admin/users/invite", $"/admin/users/{apprenticeUserId}",
        })
        {
            await GetAsync(admin, url);
        }

        var ukprn = 10_000_000 + Random.Shared.Next(10_000_000);
        await PostAsync(admin, "/admin/organisations/new", c => c.SubmitFormAsync("/admin/organisations/new", new Dictionary<string, string>
        {
            ["Input.Name"] = $"Budget Walk Ltd {ukprn}",
            ["Input.Kind"] = "Both",
            ["Input.Ukprn"] = ukprn.ToString(CultureInfo.InvariantCulture),
            ["Input.ContactEmail"] = "office@budget-walk.test",
            ["Input.PostalAddress"] = "1 Walk Street, York YO1 1AA",
        }, "form[action='/admin/organisations/new']"));
        await PostAsync(admin, $"/admin/organisations/{acme}", c => c.SubmitFormAsync($"/admin/organisations/{acme}", new Dictionary<string, string>(), $"form[action='/admin/organisations/{acme}']"));
        await PostAsync(admin, "/admin/users/invite", c => c.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Nina New",
            ["Input.Email"] = $"nina-{Guid.NewGuid():N}@budget-walk.test",
            ["Input.Roles"] = "Assessor",
        }, "form[action='/admin/users/invite']"));

        // Bulk allocation (issue 21): an assessor's capacity, the proposal for the cases waiting, and its confirmation.
        await GetAsync(admin, $"/admin/users/{assessorId}");
        await PostAsync(admin, $"/admin/users/{assessorId}/capacity", c => c.SubmitFormAsync($"/admin/users/{assessorId}", new Dictionary<string, string> { ["Capacity.MaxOpenCases"] = "500" }, "#capacity-form"));
        await PostAsync(admin, $"/admin/users/{assessorId}/records", c => c.SubmitFormAsync($"/admin/users/{assessorId}", new Dictionary<string, string>
        {
            ["NewRecord.Kind"] = "Cpd",
            ["NewRecord.Title"] = "Standardisation day",
            ["NewRecord.AchievedOn"] = "2026-01-05",
            ["NewRecord.ExpiresOn"] = "2099-01-04",
        }, "#record-form"));
        await GetAsync(admin, "/admin/standardisation");
        await PostAsync(admin, "/admin/standardisation", c => c.SubmitFormAsync("/admin/standardisation", new Dictionary<string, string>
        {
            ["Input.HeldOn"] = UkToday().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.StandardVersionId"] = versionId.ToString(CultureInfo.InvariantCulture),
            ["Input.AttendeeIds"] = assessorId,
            ["Input.Outcome"] = "Agreed what 'significantly above' means for the How area.",
        }, "#standardisation-form"));

        // The QA sampling plan of a version (issue 21, item 4): set at the walk's configured rate, so nothing else changes.
        await GetAsync(admin, "/admin/sampling-plans");
        await GetAsync(admin, $"/admin/sampling-plans/{versionId}");
        await PostAsync(admin, $"/admin/sampling-plans/{versionId}", c => c.SubmitFormAsync($"/admin/sampling-plans/{versionId}", new Dictionary<string, string>
        {
            ["Input.BasePercent"] = "100",
            ["Input.NewAssessorDecisions"] = "0",
            ["Input.RaisedPercent"] = "100",
            ["Input.RaisedDecisions"] = "0",
        }, "#sampling-plan-form"));
        await GetAsync(admin, "/admin/allocation");
        var bulkId = bulk.Id.ToString(CultureInfo.InvariantCulture);
        await PostAsync(admin, "/admin/allocation", c => c.PostWithTokenAsync("/admin/allocation", "/admin/allocation",
            [new("Selected", bulkId), new("Choices[0].CaseId", bulkId), new("Choices[0].AssessorId", assessorId)]));

        // Case messages (issue 25, item 5): the apprentice writes, the employer reads and replies about scheduling, the header's
        // count and the Messages page, the read marker, the admin and the allocated assessor (scheduling messages only).
        await GetAsync(apprentice, $"/cases/{main.Id}/messages");
        await PostAsync(apprentice, $"/cases/{main.Id}/messages", c => c.SubmitFormAsync($"/cases/{main.Id}/messages", new Dictionary<string, string>
        {
            ["Send.Topic"] = "General",
            ["Send.Body"] = "Could I add a second piece of evidence about testing before the gateway?",
        }, "#message-form"));
        await GetAsync(employer, "/messages/unread");
        await GetAsync(employer, "/messages");
        await GetAsync(employer, $"/cases/{main.Id}/messages");
        await PostAsync(employer, $"/cases/{main.Id}/messages/read", c => c.SubmitFormAsync($"/cases/{main.Id}/messages", new Dictionary<string, string>(), "#mark-read-form"));
        await PostAsync(employer, $"/cases/{main.Id}/messages", c => c.SubmitFormAsync($"/cases/{main.Id}/messages", new Dictionary<string, string>
        {
            ["Send.Topic"] = "Scheduling",
            ["Send.Body"] = "The apprentice is on leave the week of the 14th; please avoid it for the interview.",
        }, "#message-form"));
        await GetAsync(admin, "/messages");
        await GetAsync(admin, $"/cases/{main.Id}/messages");
        await GetAsync(assessor, "/messages/unread");
        await GetAsync(assessor, $"/cases/{main.Id}/messages");
        await PostAsync(assessor, $"/cases/{main.Id}/messages", c => c.SubmitFormAsync($"/cases/{main.Id}/messages", new Dictionary<string, string>
        {
            ["Send.Body"] = "Noted: I will offer dates from the 21st.",
        }, "#message-form"));
    }

    private sealed record WalkCase(int Id, string Email);

    private sealed class Person(string role, string email, PortalClient client, ProbeHandler probe)
    {
        public string Role { get; } = role;

        public string Email { get; } = email;

        public PortalClient Client { get; set; } = client;

        public ProbeHandler Probe { get; set; } = probe;
    }

    private async Task<Person> PersonAsync(string role, string email)
    {
        var (client, probe) = await factory.SignInProbingAsync(email);
        var person = new Person(role, email, client, probe);
        _people.Add(person);
        return person;
    }

    private async Task GetAsync(Person person, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var probe = Guid.NewGuid().ToString("N");
        person.Probe.Arm(probe, HttpMethod.Get);
        using var response = await person.Client.GetAsync(url);
        Record(person, "GET", url, probe, response, expected);
    }

    private async Task PostAsync(Person person, string url, Func<PortalClient, Task<HttpResponseMessage>> send, HttpStatusCode expected = HttpStatusCode.Redirect)
    {
        var probe = Guid.NewGuid().ToString("N");
        person.Probe.Arm(probe, HttpMethod.Post);
        using var response = await send(person.Client);
        Record(person, "POST", url, probe, response, expected);
    }

    private void Record(Person person, string method, string url, string probe, HttpResponseMessage response, HttpStatusCode expected)
    {
        var step = new WalkStep(person.Role, method, url, factory.Commands.TakeEndpoint(probe), response.StatusCode, factory.Commands.Take(probe));
        _steps.Add(step);
        if (response.StatusCode != expected)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var problems = System.Text.RegularExpressions.Regex.Matches(body, "<li>([^<]{5,300})</li>").Select(m => m.Groups[1].Value).Take(8);
            throw new InvalidOperationException($"{method} {url} as {person.Role} answered {(int)response.StatusCode} {response.Headers.Location}, not {(int)expected}: {string.Join(" | ", problems)}");
        }
    }

    /// <summary>Moves the clock to <paramref name="until"/> as time passes for the people of the walk: the
    /// portal's clock takes the moves that fall due (as its background loop would), and everyone signs in again
    /// (a day has passed: the sessions of the day before have expired).</summary>
    private async Task PassTimeAsync(DateTimeOffset until)
    {
        var now = factory.Clock.GetUtcNow();
        if (until > now)
        {
            factory.Clock.Advance(until - now);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseClock>().AdvanceAsync();
        }

        foreach (var person in _people)
        {
            person.Client.Dispose();
            (person.Client, person.Probe) = await factory.SignInProbingAsync(person.Email);
        }
    }

    private async Task<WalkCase> CaseAsync(CaseState target, ScenarioOptions? options = null)
    {
        var (email, caseId) = await EmployerScenario.ToStateAsync(factory, target, options);
        return new WalkCase(caseId, email);
    }

    private async Task<Domain.Organisations.Apprentice> ApprenticeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var acme = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        return await scenarios.CreateApprenticeAsync(acme, PortalFactory.DemoPassword);
    }

    private Task<string> UserIdAsync(string email) => factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private DateOnly UkToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), factory.Clock.LocalTimeZone).DateTime);

    private static List<KeyValuePair<string, string>> FieldsOf(FormData form) =>
        form.Names.SelectMany(name => form.GetAll(name).Select(value => new KeyValuePair<string, string>(name, value))).ToList();
}
