using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data.Seed;
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

    /// <summary>Every area Above: the grade is a Distinction, which must not show before release.</summary>
    private static readonly ScenarioOptions Distinction = new()
    {
        What = AreaLevel.Above,
        How = AreaLevel.Above,
        WithWhom = AreaLevel.Above,
        ConfidentialMarker = Marker,
        RationaleMarker = Marker + " rationale",
    };

    [Fact]
    public async Task NoEmployerPage_ShowsTheAssessorsNotesOrAnUnreleasedGrade()
    {
        // A case graded and quality-assured but not released, with notes, questions, answers and judgements
        // carrying the marker; and two earlier cases (reference still a draft; gateway rejected) holding
        // the same confidential rows, so that every employer page, editable or read-only, is looked at.
        var (_, gradedCase) = await EmployerScenario.ToStateAsync(factory, CaseState.IqaApproved, Distinction);
        var (_, draftCase) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitPortfolioAsync(factory, draftCase);
        var (_, rejectedCase) = await EmployerScenario.ToStateAsync(factory, CaseState.GatewayRejected);
        await AddConfidentialRowsAsync(draftCase);
        await AddConfidentialRowsAsync(rejectedCase);
        Assert.Equal(Grade.Distinction, await factory.WithDbAsync(db => db.GradeDecisions.Where(g => g.CaseId == gradedCase).Select(g => g.FinalGrade).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.InterviewQuestions.AnyAsync(q => q.CaseId == gradedCase && q.Text.Contains(Marker))));
        using var employer = await factory.SignInAsync(Demo.Employer);
        await employer.SubmitFormAsync($"/employer/cases/{draftCase}/reference", new Dictionary<string, string> { ["Input.RefereeName"] = "Erin Employer", ["command"] = "save" }, "form[action$='/reference']");

        var pages = new List<string>();
        for (var page = 1; page <= 20; page++)
        {
            pages.Add($"/employer?page={page}");
        }

        foreach (var caseId in new[] { gradedCase, draftCase, rejectedCase })
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
            Assert.DoesNotContain("result-heading", html, StringComparison.Ordinal);
        }

        // The pages did show each case, so the checks above looked at real content.
        var rejected = await (await employer.GetAsync($"/employer/cases/{rejectedCase}")).Content.ReadAsStringAsync();
        Assert.Contains("The English certificate is not legible", rejected, StringComparison.Ordinal);
        var graded = await (await employer.GetAsync($"/employer/cases/{gradedCase}")).Content.ReadAsStringAsync();
        Assert.Contains("Quality assured", graded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterRelease_TheCasePageShowsTheGradeAndFeedback_ButStillNoneOfTheAssessorsNotes()
    {
        var (_, caseId) = await EmployerScenario.ToStateAsync(factory, CaseState.ResultReleased, Distinction);
        var feedback = await factory.WithDbAsync(db => db.GradeDecisions.Where(g => g.CaseId == caseId).Select(g => g.Feedback).SingleAsync());
        using var employer = await factory.SignInAsync(Demo.Employer);

        var page = await EmployerPages.OkPageAsync(employer, $"/employer/cases/{caseId}");

        var result = page.QuerySelector("#result-heading")!.ParentElement!.TextContent;
        Assert.Contains("Grade: Distinction", System.Text.RegularExpressions.Regex.Replace(result, @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains(feedback!, result, StringComparison.Ordinal);
        Assert.Contains("Appeals accepted until", page.QuerySelector("#dates-heading + dl")!.TextContent, StringComparison.Ordinal);
        AssertNoNotesQuestionsOrAnswers(page.DocumentElement.OuterHtml);
        foreach (var url in EmployerAccessTests.Pages.Select(p => string.Format(System.Globalization.CultureInfo.InvariantCulture, p, caseId)))
        {
            AssertNoNotesQuestionsOrAnswers(await (await employer.GetAsync(url)).Content.ReadAsStringAsync());
        }

        // Released, the final judgements are the employer's to read (domain.md section 6); the notes never are.
        var resultPage = await (await employer.GetAsync($"/employer/cases/{caseId}/result")).Content.ReadAsStringAsync();
        Assert.Contains(Marker + " rationale", resultPage, StringComparison.Ordinal);

        // Another organisation's employer sees none of it.
        using var other = await factory.SignInAsync(Demo.OtherEmployer);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/employer/cases/{caseId}")).StatusCode);
    }

    /// <summary>The pre-interview notes and conclusions, the questions and the answers (CaseScenarios' markers).</summary>
    private static void AssertNoNotesQuestionsOrAnswers(string html)
    {
        foreach (var confidential in new[] { Marker + " note", Marker + " question", Marker + " answer", "(" + Marker + ")." })
        {
            Assert.DoesNotContain(confidential, html, StringComparison.Ordinal);
        }
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
