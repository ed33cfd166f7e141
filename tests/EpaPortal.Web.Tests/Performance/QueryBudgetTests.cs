using System.Net;
using AngleSharp.Html.Parser;
using EpaPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// Query budgets: each page issues the same small number of SQL commands whether the database holds the
/// small set of cases or <see cref="VolumeFixture.LargeCases"/>, counted by an EF Core command
/// interceptor per request. The sign-in ticket lookup (one command on every signed-in request, see
/// <see cref="RecordedCommand.IsSessionRead"/>) is counted apart: the budget is for what the page asks.
/// </summary>
[Trait(Category.Name, Category.Performance)]
[Collection(VolumeCollection.Name)]
public class QueryBudgetTests(VolumeFixture volume, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(BudgetPages.Names), MemberType = typeof(BudgetPages))]
    public async Task Page_IssuesAFewCommands_TheSameAtSmallAndLargeVolume(string name)
    {
        var page = BudgetPages.Find(name);
        var small = await volume.Small.ProbeAsync(page.Email(volume), page.Url(volume));
        var large = await volume.Large.ProbeAsync(page.Email(volume), page.Url(volume));

        output.WriteLine($"budget page={name} url={page.Url(volume)} commands_at_{volume.SmallReport.CasesAfter}={small.PageCommands.Count} commands_at_{volume.LargeReport.CasesAfter}={large.PageCommands.Count}");
        Assert.Equal(HttpStatusCode.OK, small.Status);
        Assert.Equal(HttpStatusCode.OK, large.Status);
        Assert.True(large.PageCommands.Count <= BudgetPages.MaxCommands, large.Describe());
        Assert.True(small.PageCommands.Count == large.PageCommands.Count,
            $"The command count grows with the data: {small.PageCommands.Count} at {volume.SmallReport.CasesAfter} cases, {large.PageCommands.Count} at {volume.LargeReport.CasesAfter}.{Environment.NewLine}{small.Describe()}{Environment.NewLine}{large.Describe()}");

        // The ticket lookup is the only other command: one, on every signed-in request.
        Assert.Single(large.Commands, c => c.IsSessionRead);
        Assert.Equal(large.PageCommands.Count + 1, large.Commands.Count);
    }

    [Theory]
    [MemberData(nameof(BudgetPages.Names), MemberType = typeof(BudgetPages))]
    public async Task Page_RendersAtMostAHundredRows_AtLargeVolume(string name)
    {
        var page = BudgetPages.Find(name);
        var large = await volume.Large.ProbeAsync(page.Email(volume), page.Url(volume));
        Assert.Equal(HttpStatusCode.OK, large.Status);
        var document = await new HtmlParser().ParseDocumentAsync(large.Html);
        var rows = document.QuerySelectorAll("main tr").Length;
        Assert.True(rows <= BudgetPages.MaxRows + 1, $"{page.Url(volume)} renders {rows} table rows.");
        if (page.IsList)
        {
            Assert.True(rows >= 10, $"{page.Url(volume)} should list a full page of rows at {VolumeFixture.LargeCases} cases, not {rows}.");
        }
    }
}
