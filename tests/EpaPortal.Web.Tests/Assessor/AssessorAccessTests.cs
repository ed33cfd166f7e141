using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>An assessor reaches only the cases allocated to them; parties to a case never reach the assessor's pages.</summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class AssessorAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Pages = ["", "/project", "/notes", "/interview", "/judgement"];

    [Fact]
    public async Task AnotherAssessor_GetsNotFound_OnEveryPageAndActionOfTheCase()
    {
        var theirs = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled, Demo.Assessor);
        var own = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled, Demo.Assessor2);
        using var other = await factory.SignInAsync(Demo.Assessor2);

        foreach (var page in Pages)
        {
            var response = await other.GetAsync($"/assessor/cases/{theirs.CaseId}{page}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET /assessor/cases/{theirs.CaseId}{page} answered {(int)response.StatusCode}");
        }

        // A valid antiforgery token of their own, so only the case relation can refuse the posts.
        var token = await other.GetAntiforgeryTokenAsync($"/assessor/cases/{own.CaseId}/notes");
        foreach (var action in new[] { "/notes", "/notes/autosave", "/project", "/interview/book", "/interview/reschedule", "/interview/record", "/judgement", "/judgement/autosave", "/start-review" })
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Notes", "Written by the wrong assessor")]);
            var response = await other.Http.PostAsync(new Uri($"/assessor/cases/{theirs.CaseId}{action}", UriKind.Relative), content);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {action} answered {(int)response.StatusCode}");
        }

        var notes = await factory.WithDbAsync(db => db.AssessorNotes.Where(n => n.CaseId == theirs.CaseId).Select(n => n.Notes).SingleAsync());
        Assert.DoesNotContain("wrong assessor", notes ?? string.Empty, StringComparison.Ordinal);

        var (_, caseload) = await other.GetPageAsync("/assessor?search=" + Uri.EscapeDataString(await UlnAsync(theirs.CaseId)));
        Assert.Empty(caseload.QuerySelectorAll("tr[data-case]"));
    }

    [Theory]
    [InlineData(Demo.Employer)]
    [InlineData("apprentice")]
    public async Task TheCasesApprenticeAndEmployer_AreForbidden_FromTheAssessorsPages(string who)
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        using var client = await factory.SignInAsync(who == "apprentice" ? testCase.ApprenticeEmail : who);

        foreach (var page in Pages.Select(p => $"/assessor/cases/{testCase.CaseId}{p}").Append("/assessor"))
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} GET {page} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task AQualityAssurer_ReadsTheNotes_ButCannotChangeThem()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        var (response, document) = await qa.GetPageAsync($"/assessor/cases/{testCase.CaseId}/notes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("read-only for you", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("#notes-form fieldset[disabled]"));
        Assert.Empty(document.QuerySelectorAll("#notes-form button[type=submit]"));
    }

    private Task<string> UlnAsync(int caseId) =>
        factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Apprentice!.Uln).SingleAsync());
}
