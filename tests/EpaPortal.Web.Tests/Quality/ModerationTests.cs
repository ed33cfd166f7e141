using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Features.Quality;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Quality;

/// <summary>
/// Moderation (issue 21, item 5, ADR 27): a quality assurer records a moderated grade with a reason instead of
/// returning the case; the assessor's grade is kept, the moderated one is released, the assessor is told without
/// the grade, and bad input is refused with the domain's words and nothing lost.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed partial class ModerationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly CaseJourney _journey = new(factory);

    [Fact]
    public async Task Moderate_ThenRelease_ShowsTheModeratedGradeEverywhere_KeepsTheAssessorsGrade_AuditsIt_AndTellsTheAssessorWithoutTheGrade()
    {
        var reason = "REASON-" + Guid.NewGuid().ToString("N") + ": every area's evidence is well above the expected level.";
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(What: AreaLevel.Above, How: AreaLevel.Above));
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        var caseUrl = $"/quality/cases/{journey.CaseId}";

        var moderated = await qa.SubmitFormAsync(caseUrl, new Dictionary<string, string> { ["Moderate.Grade"] = "Distinction", ["Moderate.Reason"] = reason }, "#moderate-form");

        Assert.Equal(HttpStatusCode.Redirect, moderated.StatusCode);
        Assert.Equal(CaseState.IqaApproved, await _journey.StateAsync(journey.CaseId));
        var decision = await factory.WithDbAsync(db => db.GradeDecisions.AsNoTracking().SingleAsync(d => d.CaseId == journey.CaseId));
        Assert.Equal((Grade.Merit, Grade.Distinction, QaStatus.Approved), (decision.FinalGrade, decision.ModeratedGrade, decision.QaStatus));
        Assert.Equal(reason, decision.ModerationReason);
        Assert.NotNull(decision.QaDecisionDate);
        Assert.Equal(await _journey.UserIdAsync(Demo.QualityAssurer), decision.ModeratedById);

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.CaseId == journey.CaseId && a.Action == QualityService.GradeModerated));
        Assert.Contains("assessor's grade Merit", audit.Details, StringComparison.Ordinal);
        Assert.Contains("moderated grade Distinction", audit.Details, StringComparison.Ordinal);
        Assert.Equal(reason, audit.Reason);

        // The quality assurer's own list of decisions says what they did: moderated, not merely approved.
        var (_, decided) = await qa.GetPageAsync("/quality/decided");
        var row = decided.QuerySelector($"tr[data-case-id='{journey.CaseId}']")!;
        Assert.Contains("Moderated to Distinction", row.TextContent, StringComparison.Ordinal);

        var mail = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == journey.CaseId && m.Kind == NotificationKind.GradeModerated).ToListAsync());
        var told = Assert.Single(mail);
        Assert.Equal(Demo.Assessor, told.ToAddress, StringComparer.OrdinalIgnoreCase);
        foreach (var text in new[] { told.Subject, told.TextBody, told.HtmlBody })
        {
            Assert.False(GradeWord().IsMatch(text), $"The e-mail names a grade: {GradeWord().Match(text).Value}");
            Assert.DoesNotContain("REASON-", text, StringComparison.Ordinal);
        }

        // The assessor reads both grades and the reason on their judgement page.
        using (var assessor = await factory.SignInAsync(Demo.Assessor))
        {
            var (response, page) = await assessor.GetPageAsync($"/assessor/cases/{journey.CaseId}/judgement");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Merit", page.QuerySelector("#assessor-grade")!.TextContent);
            Assert.Equal("Distinction", page.QuerySelector("#moderated-grade")!.TextContent);
            Assert.Contains(reason, page.QuerySelector("#moderation-reason")!.TextContent, StringComparison.Ordinal);
        }

        // Not released yet: the apprentice sees no grade.
        using var apprentice = await factory.SignInAsync(journey.ApprenticeEmail);
        Assert.DoesNotContain("Distinction", await (await apprentice.GetAsync("/apprentice/result")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = await factory.SignInAsync(Demo.Admin);
        var released = await admin.SubmitFormAsync("/admin/results", new Dictionary<string, string> { ["CaseIds"] = journey.CaseId.ToString(CultureInfo.InvariantCulture) }, "#release-form");
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        Assert.Equal(CaseState.ResultReleased, await _journey.StateAsync(journey.CaseId));

        using var employer = await factory.SignInAsync(Demo.Employer);
        foreach (var (client, url) in new[] { (apprentice, "/apprentice/result"), (employer, $"/employer/cases/{journey.CaseId}/result") })
        {
            var (response, page) = await client.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Distinction", page.QuerySelector("#result-current .result-grade")!.TextContent);
            Assert.DoesNotContain("REASON-", page.DocumentElement.TextContent, StringComparison.Ordinal);
        }

        var (_, dashboard) = await apprentice.GetPageAsync("/apprentice");
        Assert.Contains("Distinction", dashboard.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Merit", dashboard.DocumentElement.TextContent, StringComparison.Ordinal);

        var export = await (await admin.GetAsync("/admin/results/export.csv")).Content.ReadAsStringAsync();
        var line = Assert.Single(export.Split("\r\n"), l => l.Contains(journey.Uln, StringComparison.Ordinal));
        Assert.Contains(",Distinction,", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Merit", line, StringComparison.Ordinal);

        // The assessor's grade is still kept beside the released one.
        Assert.Equal(Grade.Merit, await factory.WithDbAsync(db => db.GradeDecisions.Where(d => d.CaseId == journey.CaseId).Select(d => d.FinalGrade).SingleAsync()));
    }

    [Theory]
    [InlineData("Distinction", "", "Give the reason for the moderated grade: the assessor reads it.")]
    [InlineData("Merit", "The same grade as the assessor's.", "The assessor's grade is already Merit: approve it instead, or choose another grade.")]
    [InlineData("Fail", "The How evidence does not reach the expected level.", "A moderated Fail needs the recommended next step: a re-sit or a re-take.")]
    [InlineData("", "No grade chosen.", "Choose the moderated grade: Pass, Merit, Distinction or Fail.")]
    public async Task Moderate_WithBadInput_SaysWhatIsWrong_KeepsWhatWasTyped_AndSavesNothing(string grade, string reason, string message)
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(What: AreaLevel.Above, How: AreaLevel.Above));
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        var caseUrl = $"/quality/cases/{journey.CaseId}";

        var response = await qa.SubmitFormAsync(caseUrl, new Dictionary<string, string> { ["Moderate.Grade"] = grade, ["Moderate.Reason"] = reason }, "#moderate-form");
        var page = await PortalClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#moderate-problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(reason, page.QuerySelector("#Moderate_Reason")!.TextContent);
        if (grade.Length > 0)
        {
            Assert.NotNull(page.QuerySelector($"#moderate-grade-{grade}[checked]"));
        }

        Assert.Equal(CaseState.Graded, await _journey.StateAsync(journey.CaseId));
        var decision = await factory.WithDbAsync(db => db.GradeDecisions.AsNoTracking().SingleAsync(d => d.CaseId == journey.CaseId));
        Assert.Equal((null, QaStatus.Pending), (decision.ModeratedGrade, decision.QaStatus));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == journey.CaseId && a.Action == QualityService.GradeModerated)));
        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == journey.CaseId && m.Kind == NotificationKind.GradeModerated)));
    }

    [Fact]
    public async Task ModeratedFail_IsReleasedAsAFail_WithTheQualityAssurersNextStep_AndCountedInTheReports()
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        var moderated = await qa.SubmitFormAsync($"/quality/cases/{journey.CaseId}", new Dictionary<string, string>
        {
            ["Moderate.Grade"] = "Fail",
            ["Moderate.Recommendation"] = "Retake",
            ["Moderate.Reason"] = "The project does not show the Security competency at all.",
        }, "#moderate-form");
        Assert.Equal(HttpStatusCode.Redirect, moderated.StatusCode);

        using var admin = await factory.SignInAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/admin/results", new Dictionary<string, string> { ["CaseIds"] = journey.CaseId.ToString(CultureInfo.InvariantCulture) }, "#release-form")).StatusCode);

        // A released Fail is recorded as a fail with the next step the quality assurer recommended.
        Assert.Equal(CaseState.FailRecorded, await _journey.StateAsync(journey.CaseId));
        using var apprentice = await factory.SignInAsync(journey.ApprenticeEmail);
        var (_, page) = await apprentice.GetPageAsync("/apprentice/result");
        Assert.Equal("Fail", page.QuerySelector("#result-current .result-grade")!.TextContent);
        Assert.Contains("re-take", page.QuerySelector("#result-current")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // The QA-by-assessor report counts the moderation (and the results report counts the Fail as the grade).
        var lines = (await (await qa.GetAsync("/reports/quality.csv")).Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var column = Array.IndexOf(lines[0].Split(','), "Moderated by QA");
        Assert.True(column > 0, lines[0]);
        var all = lines.Single(l => l.StartsWith("All,", StringComparison.Ordinal)).Split(',');
        Assert.True(int.Parse(all[column], CultureInfo.InvariantCulture) >= 1, string.Join(',', all));
    }

    [GeneratedRegex(@"\b(Pass|Merit|Distinction|Fail)\b")]
    private static partial Regex GradeWord();
}
