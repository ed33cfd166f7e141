using System.Net;
using AngleSharp.Html.Dom;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Grading;
using EpaPortal.Web.Features.References;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Saves that really run at the same time: two saves of one judgement or reference from forms loaded at the
/// same version (one wins, the other is told and keeps its text), and five identical posts of a create form
/// (a double click) that must leave one record.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Integration)]
public class ConcurrencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ReferenceForm = "form[action$='/reference']";

    [Fact]
    public async Task TwoConcurrentSavesOfOneJudgement_OneWins_TheOtherIsToldAndKeepsItsText()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var tabA = await factory.SignInAsync(Demo.Assessor);
        using var tabB = await factory.SignInAsync(Demo.Assessor);
        var first = await AssessorJourney.JudgementFormAsync(tabA, testCase.CaseId, AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, "First");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(tabA)).StatusCode);

        var formA = await FormData.LoadAsync(tabA, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        var formB = await FormData.LoadAsync(tabB, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        Assert.Equal(formA.Get("Version"), formB.Get("Version"));
        formA.Set("Areas[0].Rationale", "Rationale typed in tab A");
        formB.Set("Areas[0].Rationale", "Rationale typed in tab B");

        var responses = await Task.WhenAll(formA.PostAsync(tabA), formB.PostAsync(tabB));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        var winnerText = responses[0] == loser ? "Rationale typed in tab B" : "Rationale typed in tab A";
        var loserText = responses[0] == loser ? "Rationale typed in tab A" : "Rationale typed in tab B";
        var page = await PortalClient.ParseAsync(loser);
        Assert.Contains(JudgementController.ConflictMessage, page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(loserText, page.QuerySelector("textarea[name='Areas[0].Rationale']")!.TextContent);
        var saved = await factory.WithDbAsync(db => db.Judgements.Where(j => j.CaseId == testCase.CaseId).SelectMany(j => j.Areas).Where(a => a.AreaCode == "What").Select(a => a.Rationale).SingleAsync());
        Assert.Equal(winnerText, saved);
    }

    [Fact]
    public async Task TwoConcurrentSavesOfOneReference_OneWins_TheOtherIsToldAndKeepsItsText()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        var url = $"/employer/cases/{caseId}/reference";
        using var first = await factory.SignInAsync(Demo.Employer);
        using var second = await factory.SignInAsync(Demo.Employer);
        await first.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.RefereeName"] = "Erin Employer", ["command"] = ReferenceController.SaveCommand }, ReferenceForm);
        var firstForm = (IHtmlFormElement)(await EmployerPages.OkPageAsync(first, url)).QuerySelector(ReferenceForm)!;
        var secondForm = (IHtmlFormElement)(await EmployerPages.OkPageAsync(second, url)).QuerySelector(ReferenceForm)!;

        var responses = await Task.WhenAll(
            first.SubmitAsync(firstForm, url, new Dictionary<string, string> { ["Input.Sections[0].Narrative"] = "Account typed by the first person.", ["command"] = ReferenceController.SaveCommand }),
            second.SubmitAsync(secondForm, url, new Dictionary<string, string> { ["Input.Sections[0].Narrative"] = "Account typed by the second person.", ["command"] = ReferenceController.SaveCommand }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
        var (winnerText, loserText) = responses[0] == loser
            ? ("Account typed by the second person.", "Account typed by the first person.")
            : ("Account typed by the first person.", "Account typed by the second person.");
        var page = await PortalClient.ParseAsync(loser);
        Assert.Contains("Someone else saved this reference", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(loserText, page.QuerySelector("details.unsaved-text")!.TextContent, StringComparison.Ordinal);
        var saved = await factory.WithDbAsync(db => db.EmployerReferences.AsNoTracking().Include(r => r.Sections).SingleAsync(r => r.CaseId == caseId));
        Assert.Equal(winnerText, saved.Sections.Single(s => s.Narrative is not null).Narrative);
    }

    [Fact]
    public async Task FiveIdenticalPortfolioUploadsAtOnce_StoreOneItem()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var pdf = Files.Pdf(64 * 1024);
        var details = Uploads.Details(title: "Refund endpoint design");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile("design.pdf", pdf)], details)));

        var outcomes = new List<OutcomeJson>();
        foreach (var response in responses)
        {
            outcomes.Add(Assert.Single((await Uploads.ReadAsync(response)).Files));
        }

        Assert.Single(outcomes, o => o.Accepted);
        Assert.All(outcomes.Where(o => !o.Accepted), o => Assert.Contains("design.pdf was not uploaded: it is already in your portfolio as 'Refund endpoint design'", o.Message, StringComparison.Ordinal));
        var (items, files) = await factory.WithDbAsync(async db => (
            await db.EvidenceItems.CountAsync(e => e.CaseId == caseId),
            await db.StoredFiles.CountAsync(f => f.CaseId == caseId)));
        Assert.Equal(1, items);
        Assert.Equal(1, files);
        var root = TestApprentices.EvidenceRoot(factory);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(root, ".tmp")));
    }

    [Fact]
    public async Task FiveIdenticalAppealsAtOnce_LodgeOneAppeal()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ResultReleased);
        using var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail);
        var form = await FormData.LoadAsync(apprentice, "/apprentice/appeal", "#appeal-form");
        form.Set("Lodge.Grounds", "The interview was cut short by a connection failure.");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => form.PostAsync(apprentice)));

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"A post answered {(int)r.StatusCode}."));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Appeals.CountAsync(a => a.CaseId == testCase.CaseId)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId == testCase.CaseId && a.ToState == nameof(CaseState.AppealLodged))));
        Assert.Equal(CaseState.AppealLodged, await AssessorJourney.StateAsync(factory, testCase.CaseId));
    }

    [Fact]
    public async Task FiveIdenticalInvitesAtOnce_CreateOneAccount()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var email = $"double-click-{Guid.NewGuid():N}@test.test";
        var form = await FormData.LoadAsync(admin, "/admin/users/invite", "form[action='/admin/users/invite']");
        form.Set("Input.DisplayName", "Dora Doubleclick").Set("Input.Email", email).Set("Input.Roles", "Assessor");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => form.PostAsync(admin)));

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"A post answered {(int)r.StatusCode}."));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        var invitations = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email));
        Assert.Equal(1, invitations);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Details != null && a.Details.Contains(email) && a.Action == "UserInvited")));
    }
}
