using System.Net;
using EpaPortal.Web.Features.Employer;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Employer;

/// <summary>The employer's case page, what is waiting for them, portfolio authenticity and entry requirements.</summary>
[Trait(Category.Name, Category.Integration)]
public class EmployerCaseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ConfirmForm = "form[action$='/portfolio/confirm']";
    private const string ReturnForm = "form[action$='/portfolio/return']";

    [Fact]
    public async Task CasePage_ShowsWhatIsWaiting_AndTheDates()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitPortfolioAsync(factory, caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var page = await EmployerPages.OkPageAsync(employer, $"/employer/cases/{caseId}");

        var waiting = page.QuerySelectorAll("#waiting-heading + ul a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Confirm the portfolio is the apprentice's own work, or return it", $"/employer/cases/{caseId}/portfolio"), waiting);
        Assert.Contains(("Write the employer reference", $"/employer/cases/{caseId}/reference"), waiting);
        Assert.DoesNotContain(waiting, w => w.Item1 == "Submit the gateway");

        // ST0128 v1.0 asks for 12 months on programme from the apprentice's start date.
        var start = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Apprentice!.StartDate).SingleAsync());
        var dates = page.QuerySelector("#dates-heading + dl")!.TextContent;
        Assert.Contains("Minimum time on programme (12 months) reached", dates, StringComparison.Ordinal);
        Assert.Contains(start.AddMonths(12).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), dates, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ShowsEachCasesWaitingItems_AndGatewayOnceTheRestIsDone()
    {
        var (_, caseId) = await EmployerScenario.ReadyForGatewayAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var row = await DashboardRowAsync(employer, caseId);

        var items = row.QuerySelectorAll("td:nth-child(3) a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal("Submit the gateway", Assert.Single(items));
        Assert.Contains("Registered", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmPortfolio_RecordsNameJobTitleAndDate()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitPortfolioAsync(factory, caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await employer.SubmitFormAsync($"/employer/cases/{caseId}/portfolio", new Dictionary<string, string>
        {
            ["Confirm.Name"] = "Erin Employer",
            ["Confirm.JobTitle"] = "Engineering Manager",
            ["Confirm.Declaration"] = "true",
        }, ConfirmForm);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/employer/cases/{caseId}", EmployerPages.Location(response));
        var epaCase = await factory.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        Assert.Equal(factory.Clock.GetUtcNow(), epaCase.PortfolioConfirmedAt);
        Assert.Equal("Erin Employer", epaCase.PortfolioConfirmedByName);
        Assert.Equal("Engineering Manager", epaCase.PortfolioConfirmedByJobTitle);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == caseId && a.Action == "PortfolioConfirmed")));

        var page = await EmployerPages.OkPageAsync(employer, $"/employer/cases/{caseId}");
        Assert.Contains("Confirmed as the apprentice's own work", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"a[href='/employer/cases/{caseId}/portfolio'].btn"));
    }

    [Fact]
    public async Task ConfirmPortfolio_WithoutDetails_ShowsEachMessageNextToItsField_AndConfirmsNothing()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitPortfolioAsync(factory, caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await employer.SubmitFormAsync($"/employer/cases/{caseId}/portfolio", new Dictionary<string, string>
        {
            ["Confirm.Name"] = string.Empty,
            ["Confirm.JobTitle"] = new string('x', 201),
            ["Confirm.Declaration"] = "false",
        }, ConfirmForm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(PortfolioConfirmInputValidator.NameRequired, EmployerPages.FieldError(page, "Confirm.Name"));
        Assert.Equal(PortfolioConfirmInputValidator.JobTitleTooLong, EmployerPages.FieldError(page, "Confirm.JobTitle"));
        Assert.Equal(PortfolioConfirmInputValidator.DeclarationRequired, EmployerPages.FieldError(page, "Confirm.Declaration"));
        Assert.Equal(new string('x', 201), page.QuerySelector("input[name='Confirm.JobTitle']")!.GetAttribute("value"));
        Assert.Null(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.PortfolioConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task ConfirmPortfolio_BeforeItIsSubmitted_ShowsTheWorkflowsReason()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await employer.PostWithTokenAsync($"/employer/cases/{caseId}/entry-requirements", $"/employer/cases/{caseId}/portfolio/confirm",
            [new("Confirm.Name", "Erin Employer"), new("Confirm.JobTitle", "Engineering Manager"), new("Confirm.Declaration", "true")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("The apprentice has not submitted the portfolio.", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnPortfolio_WithAReason_ReopensItForTheApprentice()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitPortfolioAsync(factory, caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await employer.SubmitFormAsync($"/employer/cases/{caseId}/portfolio", new Dictionary<string, string>
        {
            ["Return.Reason"] = "Please add the design document for the refund endpoint.",
        }, ReturnForm);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var epaCase = await factory.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        Assert.Null(epaCase.PortfolioSubmittedAt);
        Assert.False(epaCase.IsPortfolioLocked);
        Assert.Equal("Please add the design document for the refund endpoint.", epaCase.PortfolioReturnReason);
        var page = await EmployerPages.OkPageAsync(employer, $"/employer/cases/{caseId}");
        Assert.DoesNotContain("Confirm the portfolio", page.QuerySelector("#waiting-heading + ul")?.TextContent ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", nameof(PortfolioReturnInputValidator.ReasonRequired))]
    [InlineData("Too short", nameof(PortfolioReturnInputValidator.ReasonTooShort))]
    [InlineData(null, nameof(PortfolioReturnInputValidator.ReasonTooLong))]
    public async Task ReturnPortfolio_WithABadReason_ShowsItsMessage(string? reason, string message)
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitPortfolioAsync(factory, caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await employer.SubmitFormAsync($"/employer/cases/{caseId}/portfolio", new Dictionary<string, string>
        {
            ["Return.Reason"] = reason ?? new string('r', 2001),
        }, ReturnForm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Message(typeof(PortfolioReturnInputValidator), message), EmployerPages.FieldError(await PortalClient.ParseAsync(response), "Return.Reason"));
        Assert.NotNull(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.PortfolioSubmittedAt).SingleAsync()));
    }

    [Fact]
    public async Task EntryRequirements_CanBeAddedListedAndRemoved()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var url = $"/employer/cases/{caseId}/entry-requirements";

        var added = await employer.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Kind"] = "GCSE",
            ["Input.Subject"] = "Mathematics",
            ["Input.Grade"] = "7",
            ["Input.AchievedOn"] = "2019-08-22",
        }, $"form[action='{url}']");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await employer.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Kind"] = "Aptitude test", ["Input.Subject"] = "Logical reasoning test", ["Input.Grade"] = "82%" }, $"form[action='{url}']");

        var list = await EmployerPages.OkPageAsync(employer, url);
        var rows = list.QuerySelectorAll("main table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("Mathematics", StringComparison.Ordinal) && r.Contains('7') && r.Contains("22 August 2019", StringComparison.Ordinal));
        var casePage = await EmployerPages.OkPageAsync(employer, $"/employer/cases/{caseId}");
        Assert.Contains("GCSE: Mathematics, 7 (22 August 2019)", casePage.QuerySelector("#entry-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var remove = list.QuerySelectorAll("main table form").First(f => f.ParentElement!.ParentElement!.TextContent.Contains("Mathematics", StringComparison.Ordinal)) as AngleSharp.Html.Dom.IHtmlFormElement;
        var removed = await employer.SubmitAsync(remove!, url, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var left = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.Apprentice!.EntryQualifications).Select(q => q.Subject).ToListAsync());
        Assert.Equal("Logical reasoning test", Assert.Single(left));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == caseId && a.Action == "EntryQualificationRemoved")));
    }

    [Fact]
    public async Task EntryRequirements_WithBadInput_ShowEachMessageNextToItsField()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var url = $"/employer/cases/{caseId}/entry-requirements";

        var empty = await PortalClient.ParseAsync(await employer.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Kind"] = "", ["Input.Subject"] = "" }, $"form[action='{url}']"));
        Assert.Equal(EntryQualificationInputValidator.KindRequired, EmployerPages.FieldError(empty, "Input.Kind"));
        Assert.Equal(EntryQualificationInputValidator.SubjectRequired, EmployerPages.FieldError(empty, "Input.Subject"));

        var wrong = await PortalClient.ParseAsync(await employer.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Degree",
            ["Input.Subject"] = new string('s', 201),
            ["Input.Grade"] = new string('g', 41),
            ["Input.AchievedOn"] = "2027-01-01",
        }, $"form[action='{url}']"));
        Assert.Equal(EntryQualificationInputValidator.KindRequired, EmployerPages.FieldError(wrong, "Input.Kind"));
        Assert.Equal(EntryQualificationInputValidator.SubjectTooLong, EmployerPages.FieldError(wrong, "Input.Subject"));
        Assert.Equal(EntryQualificationInputValidator.GradeTooLong, EmployerPages.FieldError(wrong, "Input.Grade"));
        Assert.Equal(EntryQualificationInputValidator.AchievedInFuture, EmployerPages.FieldError(wrong, "Input.AchievedOn"));
        Assert.Empty(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.Apprentice!.EntryQualifications).ToListAsync()));
    }

    private static async Task<AngleSharp.Dom.IElement> DashboardRowAsync(PortalClient client, int caseId)
    {
        for (var page = 1; page < 100; page++)
        {
            var document = await EmployerPages.OkPageAsync(client, $"/employer?page={page}");
            if (document.QuerySelector($"main table a[href='/employer/cases/{caseId}']") is { } link)
            {
                return link.Closest("tr")!;
            }

            if (document.QuerySelector("a.page-link[rel=next]") is null)
            {
                break;
            }
        }

        throw new InvalidOperationException($"Case {caseId} is not on the dashboard.");
    }

    private static string Message(Type validator, string name) =>
        (string)(validator.GetField(name)?.GetValue(null) ?? throw new InvalidOperationException($"{validator.Name}.{name} is not a message."));
}
