using System.Globalization;
using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Quality;

/// <summary>The quality assurer's queue and case page: what is checked, what is shown, approve and return,
/// and never a quality assurer on a case they assessed.</summary>
[Trait(Category.Name, Category.Integration)]
public sealed class QualityAssuranceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly CaseJourney _journey = new(factory);

    [Fact]
    public async Task Queue_ListsOverridesFailsAndSampledGrades_ButNotThoseLeftOutOfTheSample()
    {
        var sampled = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        var failed = await _journey.GradedAsync(Demo.Assessor, GradingPlan.Fail());
        var overridden = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(Proposed: Grade.Merit, Justification: "Outstanding interview on security."));
        var notSampled = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(Qa: QaStatus.NotSampled));
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        var (response, page) = await qa.GetPageAsync("/quality");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PageChecks.NoInlineCode(page, "/quality");
        string Why(JourneyCase c) => page.QuerySelector($"#qa-queue tr[data-case-id='{c.CaseId}']")!.Children[5].TextContent.Trim();
        Assert.Equal("Sampled", Why(sampled));
        Assert.Equal("Fail", Why(failed));
        Assert.Equal("Override", Why(overridden));
        Assert.Contains("(computed Pass)", page.QuerySelector($"#qa-queue tr[data-case-id='{overridden.CaseId}']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"#qa-queue tr[data-case-id='{notSampled.CaseId}']"));
        Assert.Equal("100%", page.QuerySelector("#sample-percent")!.TextContent); // PortalFactory's Quality:SamplePercent
    }

    [Fact]
    public async Task Queue_SortsByGradedEitherWay_KeepsTheSortInItsLinks_AndDownloadsInThatSort_QualityAssurersOnly()
    {
        var first = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _journey.GradedAsync(Demo.Assessor, GradingPlan.Fail());
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        int[] mine = [first.CaseId, second.CaseId, third.CaseId];
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        var (_, newest) = await qa.GetPageAsync("/quality?sort=-graded");
        var top = newest.QuerySelectorAll("#qa-queue tbody tr").Take(3).Select(r => int.Parse(r.GetAttribute("data-case-id")!, CultureInfo.InvariantCulture));
        Assert.Equal(mine.Reverse(), top);
        Assert.Equal("descending", newest.QuerySelector("#qa-queue th[aria-sort]")!.GetAttribute("aria-sort"));
        Assert.Equal("/quality?sort=graded", newest.QuerySelector("#qa-queue th[aria-sort] a")!.GetAttribute("href"));
        Assert.Equal("/quality/export.csv?sort=-graded", newest.QuerySelector("#queue-export")!.GetAttribute("href"));
        var (_, oldest) = await qa.GetPageAsync("/quality");
        Assert.Equal("ascending", oldest.QuerySelector("#qa-queue th[aria-sort]")!.GetAttribute("aria-sort"));

        async Task<List<int>> ExportedAsync(string sort)
        {
            var response = await qa.GetAsync($"/quality/export.csv?sort={sort}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Case,Apprentice,Employer,Standard,Attempt,Grade,Computed grade,Why checked,Assessor,Graded", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith($"{second.CaseId},", StringComparison.Ordinal) && l.Contains(",Fail,", StringComparison.Ordinal));
            return lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).Where(mine.Contains).ToList();
        }

        Assert.Equal(mine, await ExportedAsync("graded"));
        Assert.Equal(mine.Reverse(), await ExportedAsync("-graded"));
        foreach (var email in new[] { Demo.Assessor, Demo.Employer, Demo.Apprentice })
        {
            using var other = await factory.SignInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/quality/export.csv")).StatusCode);
        }
    }

    [Fact]
    public async Task CasePage_ShowsEvidenceJudgementsGradeAndTheOverrideJustification_AndAuditsTheRead()
    {
        var marker = "RATIONALE-" + Guid.NewGuid().ToString("N");
        var notes = "NOTES-" + Guid.NewGuid().ToString("N");
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(What: AreaLevel.Above, Marker: marker, ConfidentialMarker: notes, Proposed: Grade.Merit, Justification: "Outstanding interview on security."));
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        var (response, page) = await qa.GetPageAsync($"/quality/cases/{journey.CaseId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PageChecks.NoInlineCode(page, "QA case page");
        Assert.Equal("Merit", page.QuerySelector("#final-grade")!.TextContent);
        Assert.Equal("Pass", page.QuerySelector("#computed-grade")!.TextContent);
        Assert.Contains("Outstanding interview on security.", page.QuerySelector("#override")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Overridden from Pass to Merit", page.QuerySelector("#grade-reasons")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(marker, page.QuerySelector("#judgements")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Work evidence 1", page.QuerySelector("#judgements")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(notes, page.QuerySelector("#assessor-notes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(notes, page.QuerySelector("#interview")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("consistently showed the expected skills", page.QuerySelector("#reference")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Work evidence 1", page.QuerySelector("#portfolio")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/cases/{journey.CaseId}/portfolio']"));
        Assert.NotNull(page.QuerySelector("#approve-form"));
        Assert.NotNull(page.QuerySelector("#return-form"));

        var reads = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId == journey.CaseId && a.Action == "QaCaseRead"));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task Decided_ListsTheGradesThisQualityAssurerApprovedOrReturned_NewestFirst()
    {
        var email = $"qa-{Guid.NewGuid():N}@example.test";
        await _journey.UserAsync(email, "Dee Decided", Roles.QualityAssurer);
        var approved = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        var returned = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        var someoneElses = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        using var qa = await factory.SignInAsync(email);
        using var other = await factory.SignInAsync(Demo.QualityAssurer);

        Assert.Equal(HttpStatusCode.Redirect, (await qa.SubmitFormAsync($"/quality/cases/{approved.CaseId}", new Dictionary<string, string>(), "#approve-form")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Redirect, (await qa.SubmitFormAsync($"/quality/cases/{returned.CaseId}", new Dictionary<string, string> { ["Return.Target"] = "InterviewCompleted", ["Return.Reason"] = "The rationale for How cites no evidence." }, "#return-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SubmitFormAsync($"/quality/cases/{someoneElses.CaseId}", new Dictionary<string, string>(), "#approve-form")).StatusCode);

        var (_, queue) = await qa.GetPageAsync("/quality");
        Assert.Equal("page", queue.QuerySelector("#qa-lists a[href='/quality']")!.GetAttribute("aria-current"));
        var (response, decided) = await qa.GetPageAsync("/quality/decided");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PageChecks.NoInlineCode(decided, "/quality/decided");
        var rows = decided.QuerySelectorAll("#qa-decided tbody tr").Select(r => (Case: r.GetAttribute("data-case-id"), Decision: r.Children[4].TextContent.Trim())).ToList();
        Assert.Equal([(returned.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Returned to the assessor"), (approved.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Approved")], rows);
        Assert.Equal("page", decided.QuerySelector("#qa-lists a[href='/quality/decided']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Approve_MovesTheCaseToQualityAssured_AndSetsTheDecisionDate()
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        var response = await qa.SubmitFormAsync($"/quality/cases/{journey.CaseId}", new Dictionary<string, string>(), "#approve-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.IqaApproved, await _journey.StateAsync(journey.CaseId));
        var qaId = await _journey.UserIdAsync(Demo.QualityAssurer);
        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(d => d.CaseId == journey.CaseId));
        Assert.Equal(QaStatus.Approved, decision.QaStatus);
        Assert.Equal(qaId, decision.QaById);
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), factory.Clock.LocalTimeZone).DateTime), decision.QaDecisionDate);

        var (_, queue) = await qa.GetPageAsync("/quality");
        Assert.Null(queue.QuerySelector($"#qa-queue tr[data-case-id='{journey.CaseId}']"));
    }

    [Fact]
    public async Task Return_WithoutAReason_IsRefusedBesideTheField_KeepingTheChoice()
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        var response = await qa.SubmitFormAsync($"/quality/cases/{journey.CaseId}", new Dictionary<string, string>
        {
            ["Return.Target"] = "PreInterviewReview",
            ["Return.Reason"] = "  ",
        }, "#return-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        PageChecks.NoInlineCode(page, "QA case page with an error");
        Assert.Contains("Give the reason for returning the grade", page.QuerySelector("[data-valmsg-for='Return.Reason']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("PreInterviewReview", ((AngleSharp.Html.Dom.IHtmlSelectElement)page.QuerySelector("#Return_Target")!).Value);
        Assert.Equal(CaseState.Graded, await _journey.StateAsync(journey.CaseId));
    }

    [Fact]
    public async Task Return_WithAReason_SendsTheCaseBackToTheAssessor_WhoIsToldWithoutTheReason()
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        const string reason = "How: the rationale cites no evidence for C9 problem solving.";

        var response = await qa.SubmitFormAsync($"/quality/cases/{journey.CaseId}", new Dictionary<string, string>
        {
            ["Return.Target"] = "InterviewCompleted",
            ["Return.Reason"] = reason,
        }, "#return-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.InterviewCompleted, await _journey.StateAsync(journey.CaseId));
        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(d => d.CaseId == journey.CaseId));
        Assert.Equal(QaStatus.Returned, decision.QaStatus);
        Assert.Equal(reason, decision.QaReturnReason);
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == journey.CaseId && m.Kind == NotificationKind.CaseReturnedByQa).ToListAsync());
        var message = Assert.Single(mail);
        Assert.Equal(Demo.Assessor, message.ToAddress);
        Assert.DoesNotContain("C9", message.TextBody + message.HtmlBody, StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.CaseId == journey.CaseId && a.ToState == "InterviewCompleted" && a.FromState == "Graded").SingleAsync());
        Assert.Equal(reason, audit.Reason);
    }

    [Fact]
    public async Task AnAssessorWhoIsAlsoAQualityAssurer_CannotQualityAssureTheCaseTheyAssessed()
    {
        const string email = "assessor-and-qa@test.test";
        await _journey.UserAsync(email, "Dual Role", Roles.Assessor, Roles.QualityAssurer);
        var own = await _journey.GradedAsync(email, new GradingPlan());
        using var dual = await factory.SignInAsync(email);

        var (_, queue) = await dual.GetPageAsync("/quality");
        Assert.Null(queue.QuerySelector($"#qa-queue tr[data-case-id='{own.CaseId}']"));
        Assert.NotNull(queue.QuerySelector("#assessed-by-you"));

        var page = await dual.GetAsync($"/quality/cases/{own.CaseId}");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("You assessed this case", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var approve = await dual.PostWithTokenAsync("/quality", $"/quality/cases/{own.CaseId}/approve", []);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        var giveBack = await dual.PostWithTokenAsync("/quality", $"/quality/cases/{own.CaseId}/return", [new("Return.Target", "PreInterviewReview"), new("Return.Reason", "Mine")]);
        Assert.Equal(HttpStatusCode.Forbidden, giveBack.StatusCode);
        Assert.Equal(CaseState.Graded, await _journey.StateAsync(own.CaseId));

        // Another quality assurer can.
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        await qa.SubmitFormAsync($"/quality/cases/{own.CaseId}", new Dictionary<string, string>(), "#approve-form");
        Assert.Equal(CaseState.IqaApproved, await _journey.StateAsync(own.CaseId));
    }

    [Fact]
    public async Task AQualityAssurerWhoAssessedAnEarlierAttempt_IsRefusedByTheCaseWorkflow()
    {
        const string email = "earlier-assessor-qa@test.test";
        await _journey.UserAsync(email, "Earlier Assessor", Roles.Assessor, Roles.QualityAssurer);
        var journey = await _journey.GradedAsync(email, GradingPlan.Fail());
        await _journey.ApproveAndReleaseAsync(journey.CaseId);
        await _journey.MoveAsync(journey.CaseId, CaseState.FailRecorded, Demo.Admin);
        await _journey.MoveAsync(journey.CaseId, CaseState.ResitPlanned, Demo.Admin, adjust: f => f with { EmployerAgreedToNextAttempt = true });
        await _journey.AllocateAsync(journey.CaseId, Demo.Assessor2);
        await _journey.GradeAttemptAsync(journey, new GradingPlan());
        using var earlier = await factory.SignInAsync(email);

        var (response, page) = await earlier.GetPageAsync($"/quality/cases/{journey.CaseId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You assessed this case, so you cannot approve its grade.", page.QuerySelector("#qa-problems")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#approve-form"));
        var approve = await earlier.PostWithTokenAsync($"/quality/cases/{journey.CaseId}", $"/quality/cases/{journey.CaseId}/approve", []);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(CaseState.Graded, await _journey.StateAsync(journey.CaseId));
        var (_, after) = await earlier.GetPageAsync(approve.Headers.Location!.OriginalString);
        Assert.Contains("You assessed this case, so you cannot approve its grade.", after.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Demo.Apprentice)]
    [InlineData(Demo.Employer)]
    [InlineData(Demo.Assessor)]
    [InlineData(Demo.Admin)]
    public async Task OnlyQualityAssurers_ReachTheQualityPages(string email)
    {
        var caseId = await factory.WithDbAsync(db => db.Cases.Select(c => c.Id).FirstAsync());
        using var client = await factory.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/quality")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/quality/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task UnknownCase_IsNotFound()
    {
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        Assert.Equal(HttpStatusCode.NotFound, (await qa.GetAsync("/quality/cases/999999")).StatusCode);
    }
}
