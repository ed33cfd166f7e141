using System.Globalization;
using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Quality;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Results;

/// <summary>
/// The appeal window counts working days without the bank holidays of the apprentice's nation (issue 16,
/// item 4): the portal fills them in from its GOV.UK calendar when it releases a result. This class moves
/// the portal's clock, so it has a portal of its own.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed class AppealDeadlineTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly CaseJourney _journey = new(factory);

    [Fact]
    public async Task AResultReleasedOn7December2026_CanBeAppealedUntil7January_AfterChristmasBoxingDayAndNewYear()
    {
        var graded = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.MoveAsync(graded.CaseId, CaseState.IqaApproved, Demo.QualityAssurer);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.PostWithTokenAsync("/admin/results", "/admin/results/release", [new("CaseIds", graded.CaseId.ToString(CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.ResultReleased, await _journey.StateAsync(graded.CaseId));
        var deadline = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == graded.CaseId).Select(c => c.AppealDeadline).SingleAsync());
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 23, 59, 59, TimeSpan.Zero), deadline);
        var (_, page) = await admin.GetPageAsync($"/admin/results/cases/{graded.CaseId}");
        Assert.Contains("7 January 2027", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
