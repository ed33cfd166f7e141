using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Portfolio;

[Trait(Category.Name, Category.Integration)]
public class PortfolioLifecycleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CoverageGrid_ShowsEveryCompetency_AndHighlightsTheGaps()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var first = (await Uploads.UploadAsync(client, new UploadFile("api.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        var second = (await Uploads.UploadAsync(client, new UploadFile("tests.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        await MapAsync(client, first, "C1", "C2", "B1");
        await MapAsync(client, second, "C2", "C5");

        var (_, page) = await client.GetPageAsync("/apprentice/portfolio/coverage");

        var rows = page.QuerySelectorAll("table.coverage-grid tbody tr");
        Assert.Equal(20, rows.Length);
        var gaps = rows.Where(r => r.ClassList.Contains("coverage-gap")).Select(r => r.GetAttribute("data-code")).ToList();
        Assert.Equal(16, gaps.Count);
        Assert.DoesNotContain("C1", gaps);
        Assert.DoesNotContain("C2", gaps);
        Assert.DoesNotContain("C5", gaps);
        Assert.DoesNotContain("B1", gaps);
        Assert.Contains("C3", gaps);
        Assert.Contains("B7", gaps);
        var c2 = rows.Single(r => r.GetAttribute("data-code") == "C2");
        Assert.Equal(["api", "tests"], c2.QuerySelectorAll("li a").Select(a => a.TextContent).ToArray());
        Assert.Contains("4 of 20", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A removed item no longer covers anything.
        await client.PostWithTokenAsync("/apprentice/portfolio", $"/apprentice/portfolio/items/{second}/remove", []);
        var (_, after) = await client.GetPageAsync("/apprentice/portfolio/coverage");
        Assert.Contains("C5", after.QuerySelectorAll("tr.coverage-gap").Select(r => r.GetAttribute("data-code")));
    }

    [Fact]
    public async Task Replace_KeepsEarlierVersionsVisibleAndDownloadable()
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(client, new UploadFile("v1.txt", Files.Text("first draft")))).Files[0].ItemId!.Value;

        var replaced = await Uploads.ReadAsync(await Uploads.PostAsync(client, $"/apprentice/portfolio/items/{itemId}/replace", [new UploadFile("v2.txt", Files.Text("second draft"))], fields: new Dictionary<string, string>(), fileField: "file"));

        Assert.True(Assert.Single(replaced.Files).Accepted);
        var (_, page) = await client.GetPageAsync($"/apprentice/portfolio/items/{itemId}");
        var links = page.QuerySelectorAll("main table a:not(.file-preview)").Select(a => (a.TextContent, a.GetAttribute("href")!)).ToList();
        Assert.Equal(["v2.txt", "v1.txt"], links.Select(l => l.TextContent).ToArray());
        Assert.Equal("first draft", await (await client.GetAsync(links[1].Item2)).Content.ReadAsStringAsync());
        Assert.Equal("second draft", await (await client.GetAsync(links[0].Item2)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EditDetails_SavesThem_AndAStaleFormIsRefused()
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(client, new UploadFile("draft.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        var (_, staleForm) = await client.GetPageAsync($"/apprentice/portfolio/items/{itemId}/edit");

        var saved = await client.SubmitFormAsync($"/apprentice/portfolio/items/{itemId}/edit", new Dictionary<string, string> { ["Input.Title"] = "Refund endpoint design" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stale = await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)staleForm.QuerySelector("main form")!, $"/apprentice/portfolio/items/{itemId}/edit", new Dictionary<string, string> { ["Input.Title"] = "Overwritten" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Refund endpoint design", await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.Id == itemId).Select(e => e.Title).SingleAsync()));
    }

    [Fact]
    public async Task Submit_NeedsTheDeclaration_AndAConfirmationWhenThereAreGaps()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(client, new UploadFile("all.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        await MapAsync(client, itemId, "C1");

        var noDeclaration = await client.SubmitFormAsync("/apprentice/portfolio/submit", new Dictionary<string, string> { ["Input.ConfirmGaps"] = "true" });
        Assert.Contains("Confirm that the portfolio is your own work.", await noDeclaration.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var gapsNotConfirmed = await client.SubmitFormAsync("/apprentice/portfolio/submit", new Dictionary<string, string> { ["Input.OwnWorkDeclaration"] = "true" });
        Assert.Contains("19 competencies or behaviours have no evidence yet", await gapsNotConfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.PortfolioSubmittedAt).SingleAsync()));

        var submitted = await client.SubmitFormAsync("/apprentice/portfolio/submit", new Dictionary<string, string> { ["Input.OwnWorkDeclaration"] = "true", ["Input.ConfirmGaps"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var epaCase = await factory.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == caseId));
        Assert.NotNull(epaCase.PortfolioSubmittedAt);
        Assert.Matches("^[0-9a-f]{64}$", epaCase.PortfolioSnapshotHash!);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.CaseId == caseId).Select(a => a.Action).ToListAsync());
        Assert.Contains("PortfolioSubmitted", audit);
        Assert.Contains("PortfolioOwnWorkDeclared", audit);
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId).Select(m => new { m.Kind, m.ToAddress }).ToListAsync());
        Assert.Contains(mail, m => m.Kind == EpaPortal.Web.Features.Notifications.NotificationKind.PortfolioSubmitted && m.ToAddress == Demo.Employer);

        var (_, portfolio) = await client.GetPageAsync($"/cases/{caseId}/portfolio");
        Assert.Contains("the files and mapping shown are exactly those submitted", portfolio.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockedPortfolio_RefusesEveryChange()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(client, new UploadFile("kept.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        await client.SubmitFormAsync("/apprentice/portfolio/submit", new Dictionary<string, string> { ["Input.OwnWorkDeclaration"] = "true", ["Input.ConfirmGaps"] = "true" });
        var before = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.PortfolioSnapshotHash).SingleAsync());

        var upload = Assert.Single((await Uploads.UploadAsync(client, new UploadFile("late.pdf", Files.Pdf()))).Files);
        Assert.False(upload.Accepted);
        Assert.Contains("portfolio is locked", upload.Message, StringComparison.Ordinal);

        var replace = Assert.Single((await Uploads.ReadAsync(await Uploads.PostAsync(client, $"/apprentice/portfolio/items/{itemId}/replace", [new UploadFile("new.pdf", Files.Pdf())], fields: new Dictionary<string, string>(), fileField: "file"))).Files);
        Assert.False(replace.Accepted);

        var edit = await client.PostWithTokenAsync("/apprentice/portfolio", $"/apprentice/portfolio/items/{itemId}/edit",
            [new("Input.Title", "Changed"), new("Input.Description", "d"), new("Input.ProjectName", "p"), new("Input.WorkDate", "2026-10-01")]);
        var editPage = await PortalClient.ParseAsync(edit);
        Assert.Contains("is locked", editPage.QuerySelector("#portfolio-locked")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Changed", editPage.QuerySelector(".unsaved-details")!.TextContent, StringComparison.Ordinal);

        var map = await client.PostWithTokenAsync("/apprentice/portfolio", $"/apprentice/portfolio/items/{itemId}/map", [new("CompetencyIds", "1")]);
        Assert.Contains("is locked", await map.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await client.PostWithTokenAsync("/apprentice/portfolio", $"/apprentice/portfolio/items/{itemId}/remove", []);

        var item = await factory.WithDbAsync(db => db.EvidenceItems.Include(e => e.Mappings).Include(e => e.Versions).SingleAsync(e => e.Id == itemId));
        Assert.Equal("kept", item.Title);
        Assert.Null(item.RemovedAt);
        Assert.Empty(item.Mappings);
        Assert.Single(item.Versions);
        Assert.Equal(1, await factory.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.CaseId == caseId)));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.PortfolioSnapshotHash).SingleAsync()));
        var (_, page) = await client.GetPageAsync("/apprentice/portfolio");
        Assert.Empty(page.QuerySelectorAll("a[href='/apprentice/portfolio/upload']"));
    }

    [Fact]
    public async Task LockedPortfolio_IsReadOnlyOnScreen_WithNoForm_AndSaysWhyItIsLocked()
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(client, new UploadFile("kept.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        await client.SubmitFormAsync("/apprentice/portfolio/submit", new Dictionary<string, string> { ["Input.OwnWorkDeclaration"] = "true", ["Input.ConfirmGaps"] = "true" });

        var changePages = new[] { "/apprentice/portfolio/upload", $"/apprentice/portfolio/items/{itemId}", $"/apprentice/portfolio/items/{itemId}/edit", $"/apprentice/portfolio/items/{itemId}/map", $"/apprentice/portfolio/items/{itemId}/replace", $"/apprentice/portfolio/items/{itemId}/remove" };
        foreach (var url in changePages.Append("/apprentice/portfolio"))
        {
            var (response, page) = await client.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var main = page.QuerySelector("main")!;
            Assert.True(main.QuerySelectorAll("form").Length == 0, $"{url} still shows a form: {main.QuerySelector("form")?.OuterHtml[..Math.Min(200, main.QuerySelector("form")!.OuterHtml.Length)]}");
            Assert.Empty(main.QuerySelectorAll("input, textarea, select, button[type=submit]"));
            foreach (var change in new[] { "/upload", "/edit", "/map", "/replace", "/remove", "/submit" })
            {
                Assert.DoesNotContain(main.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.EndsWith(change, StringComparison.Ordinal));
            }

            Assert.Contains("is locked", main.TextContent, StringComparison.Ordinal);
        }

        foreach (var url in changePages)
        {
            var (_, page) = await client.GetPageAsync(url);
            var banner = page.QuerySelector("#portfolio-locked");
            Assert.True(banner is not null, $"{url} has no 'locked' banner.");
            Assert.Contains("Your portfolio is locked", banner.TextContent, StringComparison.Ordinal);
            Assert.Contains("was submitted on", banner.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AfterTheGateway_ThePortfolioIsLockedEvenIfNeverSubmittedHere()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        await TestApprentices.SetStateAsync(factory, caseId, CaseState.GatewaySubmitted);
        using var client = await factory.SignInAsync(email);

        var upload = Assert.Single((await Uploads.UploadAsync(client, new UploadFile("late.pdf", Files.Pdf()))).Files);

        Assert.False(upload.Accepted);
        Assert.Equal(0, await factory.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.CaseId == caseId)));
    }

    private async Task MapAsync(PortalClient client, int itemId, params string[] codes)
    {
        var ids = await factory.WithDbAsync(db => db.Competencies.Where(c => codes.Contains(c.Code)).Select(c => c.Id).ToListAsync());
        // SubmitFormAsync cannot post repeated names: post the ticked boxes with the form's version.
        var (_, form) = await client.GetPageAsync($"/apprentice/portfolio/items/{itemId}/map");
        var version = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var mapped = await client.PostWithTokenAsync($"/apprentice/portfolio/items/{itemId}/map", $"/apprentice/portfolio/items/{itemId}/map",
            ids.Select(id => new KeyValuePair<string, string>("CompetencyIds", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(new("Version", version)));
        Assert.Equal(HttpStatusCode.Redirect, mapped.StatusCode);
    }
}
