using System.Globalization;
using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Features.Results;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Quality;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Results;

/// <summary>The admin releases approved results (one or many), records fails and requests certificates.</summary>
[Trait(Category.Name, Category.Integration)]
public sealed class ReleaseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly CaseJourney _journey = new(factory);

    [Fact]
    public async Task ReleasingSeveral_ReleasesEach_ApprovingThoseNotSampled_AndTellsTheirPeople()
    {
        var approved1 = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        var approved2 = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(What: AreaLevel.Above, How: AreaLevel.Above, WithWhom: AreaLevel.Above));
        var notSampled = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(Qa: QaStatus.NotSampled));
        var stillWithQa = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.MoveAsync(approved1.CaseId, CaseState.IqaApproved, Demo.QualityAssurer);
        await _journey.MoveAsync(approved2.CaseId, CaseState.IqaApproved, Demo.QualityAssurer);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (_, page) = await admin.GetPageAsync("/admin/results");
        PageChecks.NoInlineCode(page, "/admin/results");
        Assert.NotNull(page.QuerySelector($"#release-table tr[data-case-id='{approved1.CaseId}']"));
        Assert.NotNull(page.QuerySelector($"#release-table tr[data-case-id='{approved2.CaseId}']"));
        Assert.Contains("Not sampled", page.QuerySelector($"#release-table tr[data-case-id='{notSampled.CaseId}']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"#release-table tr[data-case-id='{stillWithQa.CaseId}']"));

        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#release-form")!;
        foreach (var box in form.QuerySelectorAll("input[name=CaseIds]").Cast<AngleSharp.Html.Dom.IHtmlInputElement>())
        {
            box.IsChecked = box.Value == Id(approved1) || box.Value == Id(approved2) || box.Value == Id(notSampled);
        }

        var response = await admin.SubmitAsync(form, "/admin/results", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var released in new[] { approved1, approved2, notSampled })
        {
            Assert.Equal(CaseState.ResultReleased, await _journey.StateAsync(released.CaseId));
            var mail = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == released.CaseId && m.Kind == NotificationKind.ResultReleased).Select(m => m.ToAddress).ToListAsync());
            Assert.Contains(released.ApprenticeEmail, mail);
            Assert.Contains(Demo.Employer, mail);
        }

        Assert.Equal(CaseState.Graded, await _journey.StateAsync(stillWithQa.CaseId));
        var passThrough = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.CaseId == notSampled.CaseId && a.ToState == "IqaApproved"));
        Assert.Equal(ResultsAdminService.NotSampledReason, passThrough.Reason);
        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(d => d.CaseId == notSampled.CaseId));
        Assert.Equal(QaStatus.NotSampled, decision.QaStatus);
        Assert.NotNull(decision.QaDecisionDate);
        Assert.NotNull(decision.ReleasedAt);
        var @case = await factory.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == approved1.CaseId));
        Assert.NotNull(@case.AppealDeadline);
        var (_, after) = await admin.GetPageAsync("/admin/results");
        Assert.Equal("Ready to request", after.QuerySelector($"#released-table tr[data-case-id='{approved1.CaseId}'] .certificate-status")!.TextContent);
    }

    [Fact]
    public async Task ReleasingAGradeStillWithTheQualityAssurers_IsRefusedWithTheReason()
    {
        var pending = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.PostWithTokenAsync("/admin/results", "/admin/results/release", [new("CaseIds", Id(pending))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.Graded, await _journey.StateAsync(pending.CaseId));
        var (_, page) = await admin.GetPageAsync("/admin/results");
        Assert.Contains("This grade was sampled for quality assurance: a quality assurer must approve it.", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleasingAFail_RecordsTheFail_AndTheApprenticeSeesTheUnmetAreaAndTheNextStep()
    {
        var failed = await _journey.GradedAsync(Demo.Assessor, GradingPlan.Fail());
        await _journey.MoveAsync(failed.CaseId, CaseState.IqaApproved, Demo.QualityAssurer);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/results/cases/{failed.CaseId}", new Dictionary<string, string>(), "#release-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/results/cases/{failed.CaseId}", response.Headers.Location!.OriginalString);
        Assert.Equal(CaseState.FailRecorded, await _journey.StateAsync(failed.CaseId));
        var moves = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.CaseId == failed.CaseId && a.Action == CaseActions.StateChanged).OrderBy(a => a.Id).Select(a => a.ToState).ToListAsync());
        Assert.Equal(["ResultReleased", "FailRecorded"], moves.TakeLast(2));

        using var apprentice = await factory.SignInAsync(failed.ApprenticeEmail);
        var (_, page) = await apprentice.GetPageAsync("/apprentice/result");
        Assert.Equal("Fail", page.QuerySelector("#result-current .result-grade")!.TextContent);
        Assert.Equal("How", page.QuerySelector("#result-current .result-unmet li")!.TextContent);
        Assert.Contains("A re-sit", page.QuerySelector("#result-current .result-recommendation")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Fail: How was judged below the expected level. A pass needs every area at the expected level or above.", page.QuerySelector("#result-current .result-reason")!.TextContent);
        var (_, adminPage) = await admin.GetPageAsync("/admin/results");
        Assert.Equal("None: a Fail is not certificated", adminPage.QuerySelector($"#released-table tr[data-case-id='{failed.CaseId}'] .certificate-status")!.TextContent);
    }

    [Fact]
    public async Task CertificateRequest_NeedsTheDeclarations_ThenCompletesTheCase()
    {
        var passed = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.ApproveAndReleaseAsync(passed.CaseId);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var url = $"/admin/results/cases/{passed.CaseId}";

        var refused = await admin.SubmitFormAsync(url, new Dictionary<string, string>(), "#certificate-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        PageChecks.NoInlineCode(page, "admin result page with an error");
        Assert.Contains("Confirm that you have checked", page.QuerySelector("[data-valmsg-for='Certificate.DetailsChecked']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.ResultReleased, await _journey.StateAsync(passed.CaseId));

        var done = await admin.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Certificate.DetailsChecked"] = "true",
            ["Certificate.RequirementsMet"] = "true",
        }, "#certificate-form");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(CaseState.CertificateRequested, await _journey.StateAsync(passed.CaseId));
        var (_, after) = await admin.GetPageAsync(url);
        PageChecks.NoInlineCode(after, url);
        Assert.StartsWith("Requested on", after.QuerySelector("#certificate-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#certificate-form"));
    }

    [Fact]
    public async Task ApprenticesAndEmployers_CannotReachTheAdminResultPagesOrTheExport()
    {
        using var apprentice = await factory.SignInAsync(Demo.Apprentice);
        using var employer = await factory.SignInAsync(Demo.Employer);
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        foreach (var client in new[] { apprentice, employer, qa })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/results")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/results/export.csv")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/appeals")).StatusCode);
        }
    }

    private static string Id(JourneyCase c) => c.CaseId.ToString(CultureInfo.InvariantCulture);
}
