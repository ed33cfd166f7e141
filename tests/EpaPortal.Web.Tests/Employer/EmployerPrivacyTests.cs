using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Employer;

/// <summary>
/// The assessor's confidential notes, interview questions, judgements and an unreleased grade never reach
/// the employer through any employer page, whatever else the case holds.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class EmployerPrivacyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Marker = "CONFIDENTIAL-EMPLOYER-MARKER-5f3a";

    [Fact]
    public async Task NoEmployerPage_ShowsTheAssessorsNotesOrAnUnreleasedGrade()
    {
        // One case with the reference still a draft, one with the reference submitted and the gateway rejected,
        // so that both the editable and the read-only pages are looked at.
        var (_, draftCase) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitPortfolioAsync(factory, draftCase);
        var (_, submittedCase) = await EmployerScenario.ReadyForGatewayAsync(factory);
        await EmployerScenario.SubmitGatewayAsync(factory, submittedCase);
        await EmployerScenario.RejectGatewayAsync(factory, submittedCase, (GatewayItem.Readiness, "Please confirm the readiness declaration again."));
        await AddConfidentialRowsAsync(draftCase);
        await AddConfidentialRowsAsync(submittedCase);
        using var employer = await factory.SignInAsync(Demo.Employer);
        await employer.SubmitFormAsync($"/employer/cases/{draftCase}/reference", new Dictionary<string, string> { ["Input.RefereeName"] = "Erin Employer", ["command"] = "save" }, "form[action$='/reference']");

        var pages = new List<string>();
        for (var page = 1; page <= 20; page++)
        {
            pages.Add($"/employer?page={page}");
        }

        foreach (var caseId in new[] { draftCase, submittedCase })
        {
            pages.AddRange(EmployerAccessTests.Pages.Select(p => string.Format(System.Globalization.CultureInfo.InvariantCulture, p, caseId)));
        }

        foreach (var url in pages)
        {
            var response = await employer.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Marker, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Distinction", html, StringComparison.Ordinal);
        }

        // The pages did show each case, so the check above looked at real content.
        var casePage = await (await employer.GetAsync($"/employer/cases/{submittedCase}")).Content.ReadAsStringAsync();
        Assert.Contains("Please confirm the readiness declaration again.", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"result-heading\"", casePage, StringComparison.Ordinal);
        var reference = await (await employer.GetAsync($"/employer/cases/{submittedCase}/reference")).Content.ReadAsStringAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(EmployerScenario.Narrative), reference, StringComparison.Ordinal);
    }

    private Task AddConfidentialRowsAsync(int caseId) =>
        factory.WithDbAsync(async db =>
        {
            var assessorId = await db.Users.Where(u => u.Email == Demo.Assessor).Select(u => u.Id).SingleAsync();
            var now = factory.Clock.GetUtcNow();
            var note = new AssessorNote(caseId, 1, assessorId, now) { Notes = Marker + " note: weak on testing" };
            note.SetConclusion("What", null, InitialLevel.Above, ["Portfolio:1"], Marker + " initial conclusion");
            db.AssessorNotes.Add(note);
            db.InterviewQuestions.Add(new InterviewQuestion(caseId, 1, Marker + " question: explain your unit tests", QuestionOrigin.Planned, 1, []) { Asked = true, AnswerSummary = Marker + " answer" });
            var judgement = new Judgement(caseId, 1, assessorId, now);
            judgement.SetArea("What", AreaLevel.Above, Marker + " rationale");
            db.Judgements.Add(judgement);
            db.GradeDecisions.Add(new GradeDecision(caseId, 1, assessorId, Grade.Distinction, Grade.Distinction, Marker + " reasons: Distinction", now)
            {
                Feedback = Marker + " feedback",
                QaStatus = QaStatus.Approved,
                QaDecisionDate = DateOnly.FromDateTime(now.UtcDateTime),
            });
            db.ProjectSubmissions.Add(new ProjectSubmission(caseId, 1, Marker + " brief title", Marker + " brief text", now.AddDays(30), now.AddDays(37)));
            await db.SaveChangesAsync();
        });
}
