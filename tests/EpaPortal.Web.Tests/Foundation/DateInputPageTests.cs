using System.Net;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>
/// Issue 25, item 2, through the real pipeline: the admin's "add an apprentice" form asks its dates as Day,
/// Month and Year; an impossible date is named in the error summary (linked to the day field) and next to
/// the fields, everything typed comes back, an optional date that is not a date is not saved as none, and a
/// real date is saved as typed. An ISO date posted by a script still binds.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class DateInputPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/admin/apprentices/new";
    private const string Form = "form[action='/admin/apprentices/new']";

    [Fact]
    public async Task TheForm_AsksEachDateAsDayMonthAndYear_WithoutABrowserDatePicker()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (_, page) = await admin.GetPageAsync(Url);

        Assert.Empty(page.QuerySelectorAll("input[type=date]"));
        var fieldset = page.GetElementById("Input_StartDate")!.Closest("fieldset.date-input")!;
        Assert.Equal("Apprenticeship start date", fieldset.QuerySelector("legend")!.TextContent.Trim());
        Assert.Equal("Input_StartDate-hint", fieldset.GetAttribute("aria-describedby"));
        Assert.Equal(
            [("Day", "Input_StartDate", "Input.StartDate.Day"), ("Month", "Input_StartDate_Month", "Input.StartDate.Month"), ("Year", "Input_StartDate_Year", "Input.StartDate.Year")],
            fieldset.QuerySelectorAll("input").Select(i => (page.QuerySelector($"label[for='{i.Id}']")!.TextContent.Trim(), i.Id!, i.GetAttribute("name")!)));
        Assert.All(fieldset.QuerySelectorAll("input"), i => Assert.Equal(("text", "numeric"), (i.GetAttribute("type"), i.GetAttribute("inputmode"))));
        Assert.All(fieldset.QuerySelectorAll("input"), i => Assert.False(i.HasAttribute("autocomplete")));
        Assert.Equal(["bday-day", "bday-month", "bday-year"], page.GetElementById("Input_DateOfBirth")!.Closest("fieldset.date-input")!.QuerySelectorAll("input").Select(i => i.GetAttribute("autocomplete")));
    }

    [Fact]
    public async Task AnImpossibleDate_IsNamedAndLinkedToTheDayField_AndEverythingTypedComesBack_ThenARealDateIsSaved()
    {
        var uln = await NewUlnAsync();
        using var admin = await factory.SignInAsync(Demo.Admin);
        var fields = await FieldsAsync(uln);
        (fields["Input.StartDate.Day"], fields["Input.StartDate.Month"], fields["Input.StartDate.Year"]) = (" 31 ", "2", "2025");

        var refused = await admin.SubmitFormAsync(Url, fields, Form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        var link = Assert.Single(page.QuerySelectorAll("#problems li a"));
        Assert.Equal(("#Input_StartDate", "Apprenticeship start date must be a real date"), (link.GetAttribute("href"), link.TextContent.Trim()));
        Assert.Equal("Apprenticeship start date must be a real date", page.QuerySelector("#Input_StartDate-error")!.TextContent.Trim());
        Assert.Equal("Input_StartDate-hint Input_StartDate-error", page.GetElementById("Input_StartDate")!.Closest("fieldset.date-input")!.GetAttribute("aria-describedby"));
        Assert.Equal([" 31 ", "2", "2025"], Values(page, "Input_StartDate"));
        Assert.All(new[] { "Input_StartDate", "Input_StartDate_Month", "Input_StartDate_Year" }, id =>
        {
            Assert.Contains("is-invalid", page.GetElementById(id)!.ClassName, StringComparison.Ordinal);
            Assert.Equal("Input_StartDate-error", page.GetElementById(id)!.GetAttribute("aria-describedby"));
        });
        Assert.Equal(["27", "3", "2007"], Values(page, "Input_DateOfBirth"));
        Assert.Null(page.QuerySelector("#Input_DateOfBirth")!.GetAttribute("aria-invalid"));
        Assert.Equal("Datetest", page.QuerySelector("#Input_FamilyName")!.GetAttribute("value"));
        Assert.False(await factory.WithDbAsync(db => db.Apprentices.AnyAsync(a => a.Uln == uln)));

        fields["Input.StartDate.Day"] = "28";
        var saved = await admin.SubmitFormAsync(Url, fields, Form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var apprentice = await factory.WithDbAsync(db => db.Apprentices.Where(a => a.Uln == uln).Select(a => new { a.StartDate, a.DateOfBirth }).SingleAsync());
        Assert.Equal((new DateOnly(2025, 2, 28), (DateOnly?)new DateOnly(2007, 3, 27)), (apprentice.StartDate, apprentice.DateOfBirth));
    }

    [Fact]
    public async Task AnOptionalDateThatIsNotADate_IsRefused_NotSavedAsNone()
    {
        var uln = await NewUlnAsync();
        using var admin = await factory.SignInAsync(Demo.Admin);
        var fields = await FieldsAsync(uln);
        (fields["Input.DateOfBirth.Day"], fields["Input.DateOfBirth.Month"], fields["Input.DateOfBirth.Year"]) = ("12", "", "07");

        var refused = await admin.SubmitFormAsync(Url, fields, Form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Equal("Date of birth must include a month", Assert.Single(page.QuerySelectorAll("#problems li a")).TextContent.Trim());
        Assert.Equal(["12", "", "07"], Values(page, "Input_DateOfBirth"));
        Assert.False(await factory.WithDbAsync(db => db.Apprentices.AnyAsync(a => a.Uln == uln)));

        (fields["Input.DateOfBirth.Day"], fields["Input.DateOfBirth.Month"], fields["Input.DateOfBirth.Year"]) = ("", "", "");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(Url, fields, Form)).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Apprentices.Where(a => a.Uln == uln).Select(a => a.DateOfBirth).SingleAsync()));
    }

    [Fact]
    public async Task AllBlank_OnARequiredDate_GivesTheFormsOwnMessageOnce()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var fields = await FieldsAsync(await NewUlnAsync());
        (fields["Input.StartDate.Day"], fields["Input.StartDate.Month"], fields["Input.StartDate.Year"]) = ("", "", "");

        var page = await PortalClient.ParseAsync(await admin.SubmitFormAsync(Url, fields, Form));

        Assert.Equal(["Enter the date the apprenticeship started."], page.QuerySelectorAll("#problems li a[href='#Input_StartDate']").Select(a => a.TextContent.Trim()));
        Assert.Equal("Enter the date the apprenticeship started.", page.QuerySelector("#Input_StartDate-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnIsoDate_PostedWithoutTheParts_StillBinds()
    {
        var uln = await NewUlnAsync();
        using var admin = await factory.SignInAsync(Demo.Admin);
        var fields = (await FieldsAsync(uln)).Where(f => !f.Key.StartsWith("Input.StartDate.", StringComparison.Ordinal)).ToList();
        fields.Add(new("Input.StartDate", "2024-09-02"));

        var saved = await admin.PostWithTokenAsync(Url, Url, fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(new DateOnly(2024, 9, 2), await factory.WithDbAsync(db => db.Apprentices.Where(a => a.Uln == uln).Select(a => a.StartDate).SingleAsync()));
    }

    private async Task<Dictionary<string, string>> FieldsAsync(string uln)
    {
        var employer = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        return new()
        {
            ["Input.Uln"] = uln,
            ["Input.GivenNames"] = "Dana",
            ["Input.FamilyName"] = "Datetest",
            ["Input.Email"] = $"dana.datetest.{uln}@example.test",
            ["Input.OrganisationId"] = employer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.StartDate.Day"] = "1",
            ["Input.StartDate.Month"] = "9",
            ["Input.StartDate.Year"] = "2025",
            ["Input.DateOfBirth.Day"] = "27",
            ["Input.DateOfBirth.Month"] = "3",
            ["Input.DateOfBirth.Year"] = "2007",
        };
    }

    private static string[] Values(AngleSharp.Dom.IDocument page, string id) =>
        [.. new[] { id, id + "_Month", id + "_Year" }.Select(part => page.GetElementById(part)!.GetAttribute("value") ?? "(no value)")];

    private async Task<string> NewUlnAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await new TestScenarios(scope.ServiceProvider).NewUlnAsync();
    }
}
