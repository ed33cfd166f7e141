using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Portfolio;

[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class ApprenticeDashboardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task NewCase_IsAtThePortfolioStep_WithUploadAsTheNextAction()
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var (_, page) = await client.GetPageAsync("/apprentice");

        Assert.Equal("Portfolio", page.QuerySelector(".step-indicator li[aria-current=step]")!.TextContent.Split('(')[0].Trim());
        Assert.Equal(5, page.QuerySelectorAll(".step-indicator li").Length);
        Assert.Contains("Build your portfolio", page.QuerySelector(".next-action")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/apprentice/portfolio/upload']"));
    }

    [Fact]
    public async Task ProjectWindow_ShowsItsDates_AndTheNextAction()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        await TestApprentices.SetStateAsync(factory, caseId, CaseState.ProjectInProgress);
        var opens = factory.Clock.GetUtcNow().AddHours(-2);
        await factory.WithDbAsync(async db =>
        {
            db.ProjectSubmissions.Add(new ProjectSubmission(caseId, 1, "Brief", "Secret brief text", opens, opens.AddDays(7)));
            await db.SaveChangesAsync();
        });
        using var client = await factory.SignInAsync(email);

        var (_, page) = await client.GetPageAsync("/apprentice");

        Assert.Equal("Synoptic project", page.QuerySelector(".step-indicator li[aria-current=step]")!.TextContent.Split('(')[0].Trim());
        var dates = page.QuerySelector(".key-dates")!.TextContent;
        Assert.Contains("Project window opens", dates, StringComparison.Ordinal);
        Assert.Contains("9 November 2026", dates, StringComparison.Ordinal);
        Assert.Contains("Your project is open until", page.QuerySelector(".next-action")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GradeAndFeedback_AreHiddenUntilRelease_ThenShown()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        await TestApprentices.SetStateAsync(factory, caseId, CaseState.IqaApproved);
        var decisionId = await factory.WithDbAsync(async db =>
        {
            var assessor = await db.Users.SingleAsync(u => u.Email == Demo.Assessor);
            var decision = new GradeDecision(caseId, 1, assessor.Id, Grade.Distinction, Grade.Distinction, "All areas above", factory.Clock.GetUtcNow())
            {
                Feedback = "Outstanding work on the refund service.",
                QaStatus = QaStatus.Approved,
            };
            db.GradeDecisions.Add(decision);
            await db.SaveChangesAsync();
            return decision.Id;
        });
        using var client = await factory.SignInAsync(email);

        var before = await (await client.GetAsync("/apprentice")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Distinction", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Outstanding work", before, StringComparison.Ordinal);
        Assert.DoesNotContain("All areas above", before, StringComparison.Ordinal);
        Assert.Contains("You will see your result here once it is released", before, StringComparison.Ordinal);

        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            var decision = await db.GradeDecisions.SingleAsync(d => d.Id == decisionId);
            decision.ReleasedAt = now;
            var epaCase = await db.Cases.SingleAsync(c => c.Id == caseId);
            db.Entry(epaCase).Property(c => c.State).CurrentValue = CaseState.ResultReleased;
            db.Entry(epaCase).Property(c => c.ResultReleasedAt).CurrentValue = now;
            await db.SaveChangesAsync();
        });

        var (_, after) = await client.GetPageAsync("/apprentice");
        Assert.Equal("Distinction", after.QuerySelector(".result-grade")!.TextContent);
        Assert.Equal("Outstanding work on the refund service.", after.QuerySelector(".result-feedback")!.TextContent);
        Assert.DoesNotContain("All areas above", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Result", after.QuerySelector(".step-indicator li[aria-current=step]")!.TextContent.Split('(')[0].Trim());
    }
}
