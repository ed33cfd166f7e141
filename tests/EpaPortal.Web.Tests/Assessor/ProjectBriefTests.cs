using System.Globalization;
using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>The assessor sets the project brief and window, which schedules the project.</summary>
[Trait(Category.Name, Category.Integration)]
public class ProjectBriefTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SettingTheBrief_SchedulesTheProject_WithTheStandardWindowOfFiveWorkingDays()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var opensOn = NextMonday();

        var response = await assessor.SubmitFormAsync($"/assessor/cases/{testCase.CaseId}/project", new Dictionary<string, string>
        {
            ["Title"] = "A booking service",
            ["Text"] = "Build a small booking service with tests.",
            ["OpensOn"] = opensOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["OpensAt"] = "09:00",
            ["ClosesOn"] = string.Empty,
            ["ClosesAt"] = string.Empty,
        }, "form.project-brief-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.ProjectScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        var project = await factory.WithDbAsync(db => db.ProjectSubmissions.SingleAsync(p => p.CaseId == testCase.CaseId));
        var zone = factory.Clock.LocalTimeZone;
        Assert.Equal(opensOn.ToDateTime(new TimeOnly(9, 0)), TimeZoneInfo.ConvertTime(project.WindowOpensAt, zone).DateTime);
        Assert.Equal(opensOn.AddDays(7).ToDateTime(new TimeOnly(9, 0)), TimeZoneInfo.ConvertTime(project.WindowClosesAt, zone).DateTime);
        var kinds = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == testCase.CaseId).Select(m => m.Kind).ToListAsync());
        Assert.Contains(NotificationKind.ProjectWindowOpening, kinds);
    }

    [Fact]
    public async Task ABriefOpeningInThePast_IsRefused_AndKeepsWhatWasTyped()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var yesterday = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-1);

        var response = await assessor.SubmitFormAsync($"/assessor/cases/{testCase.CaseId}/project", new Dictionary<string, string>
        {
            ["Title"] = "Late brief",
            ["Text"] = "The text the assessor typed stays on the page.",
            ["OpensOn"] = yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["OpensAt"] = "09:00",
        }, "form.project-brief-form");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await PortalClient.ParseAsync(response);
        Assert.Contains("must open in the future", document.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The text the assessor typed stays on the page.", document.QuerySelector("textarea#Text")!.TextContent);
        Assert.Equal(CaseState.GatewayApproved, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.False(await factory.WithDbAsync(db => db.ProjectSubmissions.AnyAsync(p => p.CaseId == testCase.CaseId)));
    }

    [Fact]
    public async Task TheBrief_CanChangeUntilTheWindowOpens()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectScheduled);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var response = await assessor.SubmitFormAsync($"/assessor/cases/{testCase.CaseId}/project", new Dictionary<string, string> { ["Title"] = "A clearer title" }, "form.project-brief-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("A clearer title", await factory.WithDbAsync(db => db.ProjectSubmissions.Where(p => p.CaseId == testCase.CaseId).Select(p => p.BriefTitle).SingleAsync()));

        var opens = await factory.WithDbAsync(db => db.ProjectSubmissions.Where(p => p.CaseId == testCase.CaseId).Select(p => p.WindowOpensAt).SingleAsync());
        factory.Clock.Advance(opens - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var later = await factory.SignInAsync(Demo.Assessor);
        var (_, page) = await later.GetPageAsync($"/assessor/cases/{testCase.CaseId}/project");
        Assert.Null(page.QuerySelector("form.project-brief-form"));
        Assert.Equal(CaseState.ProjectInProgress, await AssessorJourney.StateAsync(factory, testCase.CaseId));
    }

    private DateOnly NextMonday()
    {
        // The first Monday that meets the project notice (5 working days).
        var day = AssessorJourney.FirstDayWithNotice(factory);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
