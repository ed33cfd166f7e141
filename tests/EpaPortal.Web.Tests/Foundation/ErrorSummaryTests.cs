using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>
/// Issue 25, item 2: the error summary at the top of a form (the GOV.UK pattern) links each problem to its
/// field on the page; a problem of the whole form is plain text.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class ErrorSummaryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AFormRefusedWithFieldProblems_ListsThemAtTheTop_EachLinkedToItsField()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor2);

        var refused = await assessor.SubmitFormAsync("/assessor/availability",
            new Dictionary<string, string> { ["NewLeave.FirstDay"] = "", ["NewLeave.LastDay"] = "", ["NewLeave.Note"] = "Dentist" }, "form.leave-form");

        var page = await PortalClient.ParseAsync(refused);
        var summary = page.QuerySelector("#problems");
        Assert.NotNull(summary);
        Assert.Equal("There is a problem", summary.QuerySelector("h2")!.TextContent.Trim());
        var links = summary.QuerySelectorAll("li a[href^='#']").ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link =>
        {
            var id = link.GetAttribute("href")![1..];
            var field = page.GetElementById(id);
            Assert.True(field is not null, $"The summary links to #{id}, which is not on the page.");
            Assert.False(string.IsNullOrWhiteSpace(link.TextContent));
        });
        Assert.Contains(links, link => link.GetAttribute("href") == "#NewLeave_FirstDay");
    }
}
