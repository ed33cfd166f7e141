using System.Net;
using AngleSharp.Dom;
using EpaPortal.Domain.Assessment;
using EpaPortal.Web.Features.References;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.References;

/// <summary>The employer reference written online: sections per area, drafts, submission, read-only, every rule, concurrency, reopen.</summary>
[Trait(Category.Name, Category.Integration)]
public class ReferenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Form = "form[action$='/reference']";

    [Fact]
    public async Task Form_HasASectionForEachAreaOfTheCasesStandardVersion_AndNoRatingControl()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        var areas = await AreasAsync(caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var page = await EmployerPages.OkPageAsync(employer, Url(caseId));

        var form = page.QuerySelector(Form)!;
        Assert.Equal(areas.Select(a => a.Name), form.QuerySelectorAll("fieldset > legend").Select(l => l.TextContent.Trim()).Take(areas.Count));
        Assert.Equal(areas.Select((_, i) => $"Input.Sections[{i}].Narrative"), form.QuerySelectorAll("textarea").Select(t => t.GetAttribute("name")));
        Assert.Equal(areas.Select(a => a.Code), areas.Select((_, i) => form.QuerySelector($"input[name='Input.Sections[{i}].AreaCode']")!.GetAttribute("value")));
        Assert.Empty(form.QuerySelectorAll("select, input[type=radio], input[type=range]"));
        Assert.Contains("Please do not give grades, scores or ratings: this form has no rating control on purpose.", Normalise(page.QuerySelector("main")!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_SavedAsDraft_ComesBack_ThenSubmitted_IsReadOnly()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);

        // An incomplete draft is kept as it is.
        var draft = await employer.SubmitFormAsync(Url(caseId), new Dictionary<string, string>
        {
            ["Input.Sections[0].Narrative"] = "Started: the refund endpoint.",
            ["Input.RefereeName"] = "Erin Employer",
            ["command"] = ReferenceController.SaveCommand,
        }, Form);
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal(Url(caseId), EmployerPages.Location(draft));
        var reference = await ReferenceAsync(caseId);
        Assert.Equal(ReferenceStatus.Draft, reference!.Status);
        Assert.Null(reference.RefereeEmail);

        var again = await EmployerPages.OkPageAsync(employer, Url(caseId));
        Assert.Equal("Started: the refund endpoint.", again.QuerySelector("textarea[name='Input.Sections[0].Narrative']")!.TextContent.Trim());
        Assert.Equal("Erin Employer", again.QuerySelector("input[name='Input.RefereeName']")!.GetAttribute("value"));

        // Completed and submitted.
        var submitted = await employer.SubmitFormAsync(Url(caseId), await CompleteAsync(caseId), Form);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/employer/cases/{caseId}", EmployerPages.Location(submitted));
        reference = await ReferenceAsync(caseId);
        Assert.Equal(ReferenceStatus.Submitted, reference!.Status);
        Assert.Equal(factory.Clock.GetUtcNow(), reference.SubmittedAt);
        Assert.All(reference.Sections, s => Assert.Equal(EmployerScenario.Narrative, s.Narrative));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == caseId && a.Action == "ReferenceSubmitted")));

        // Read-only from now on: no form, and a post changes nothing.
        var readOnly = await EmployerPages.OkPageAsync(employer, Url(caseId));
        Assert.Null(readOnly.QuerySelector("main textarea"));
        Assert.Null(readOnly.QuerySelector(Form));
        Assert.Contains(EmployerScenario.Narrative, readOnly.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("read-only", readOnly.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var fields = await CompleteAsync(caseId);
        fields["Input.RefereeName"] = "Somebody Else";
        fields["Input.Version"] = reference.Version.ToString();
        var late = await employer.PostWithTokenAsync($"/employer/cases/{caseId}/entry-requirements", Url(caseId), fields);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("not saved", (await PortalClient.ParseAsync(late)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Erin Employer", (await ReferenceAsync(caseId))!.RefereeName);
    }

    [Fact]
    public async Task Submit_WithNothingFilledIn_ShowsEveryRequiredMessageNextToItsField()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        var areas = await AreasAsync(caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await employer.SubmitFormAsync(Url(caseId), new Dictionary<string, string> { ["command"] = ReferenceController.SubmitCommand }, Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        for (var i = 0; i < areas.Count; i++)
        {
            Assert.Equal(ReferenceSectionInputValidator.NarrativeRequired, EmployerPages.FieldError(page, $"Input.Sections[{i}].Narrative"));
        }

        Assert.Equal(ReferenceInputModelValidator.RefereeNameRequired, EmployerPages.FieldError(page, "Input.RefereeName"));
        Assert.Equal(ReferenceInputModelValidator.RefereeJobTitleRequired, EmployerPages.FieldError(page, "Input.RefereeJobTitle"));
        Assert.Equal(ReferenceInputModelValidator.RelationshipRequired, EmployerPages.FieldError(page, "Input.RelationshipToApprentice"));
        Assert.Equal(ReferenceInputModelValidator.MonthsRequired, EmployerPages.FieldError(page, "Input.MonthsSupervised"));
        Assert.Equal(ReferenceInputModelValidator.EmailRequired, EmployerPages.FieldError(page, "Input.RefereeEmail"));
        Assert.Equal(ReferenceInputModelValidator.DeclarationRequired, EmployerPages.FieldError(page, "Input.DeclarationAccepted"));
        Assert.Equal(areas.Count + 6, page.QuerySelectorAll(".validation-summary li").Length);
        Assert.Null(await ReferenceAsync(caseId));
    }

    public static TheoryData<string, string, string, string> Rules() => new()
    {
        { "Input.Sections[0].Narrative", "Too short to be an example.", nameof(ReferenceSectionInputValidator), nameof(ReferenceSectionInputValidator.NarrativeTooShort) },
        { "Input.Sections[0].Narrative", new string('n', 8001), nameof(ReferenceSectionInputValidator), nameof(ReferenceSectionInputValidator.NarrativeTooLong) },
        { "Input.RefereeName", "E", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.RefereeNameTooShort) },
        { "Input.RefereeName", new string('e', 201), nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.RefereeNameTooLong) },
        { "Input.RefereeJobTitle", "M", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.RefereeJobTitleTooShort) },
        { "Input.RefereeJobTitle", new string('m', 201), nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.RefereeJobTitleTooLong) },
        { "Input.RelationshipToApprentice", "LM", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.RelationshipTooShort) },
        { "Input.RelationshipToApprentice", new string('r', 501), nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.RelationshipTooLong) },
        { "Input.MonthsSupervised", "0", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.MonthsRange) },
        { "Input.MonthsSupervised", "241", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.MonthsRange) },
        { "Input.RefereeEmail", "erin.acme.demo.test", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.EmailFormat) },
        { "Input.RefereeEmail", "erin smith@acme.test", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.EmailFormat) },
        { "Input.RefereeEmail", "erin@localhost", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.EmailFormat) },
        { "Input.RefereeEmail", new string('e', 250) + "@acme.test", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.EmailTooLong) },
        { "Input.DeclarationAccepted", "false", nameof(ReferenceInputModelValidator), nameof(ReferenceInputModelValidator.DeclarationRequired) },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Submit_BreakingOneRule_ShowsItsMessageNextToTheField_AndSubmitsNothing(string field, string value, string validator, string message)
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var fields = await CompleteAsync(caseId);
        fields[field] = value;

        var response = await employer.SubmitFormAsync(Url(caseId), fields, Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(Message(validator, message), EmployerPages.FieldError(page, field));
        Assert.Single(page.QuerySelectorAll(".validation-summary li"));
        Assert.Null(await ReferenceAsync(caseId));
        if (field != "Input.DeclarationAccepted")
        {
            // What was typed is still there to correct.
            var shown = page.QuerySelector($"[name='{field}']")!;
            Assert.Equal(value, shown is AngleSharp.Html.Dom.IHtmlTextAreaElement area ? area.Value : shown.GetAttribute("value"));
        }
    }

    [Fact]
    public async Task Draft_OnlyHasToFit_ButAWrongEmailOrAnOverlongSectionIsNotSaved()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var wrong = await employer.SubmitFormAsync(Url(caseId), new Dictionary<string, string>
        {
            ["Input.RefereeEmail"] = "erin at acme",
            ["Input.Sections[1].Narrative"] = new string('n', 8001),
            ["Input.MonthsSupervised"] = "500",
            ["command"] = ReferenceController.SaveCommand,
        }, Form);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var page = await PortalClient.ParseAsync(wrong);
        Assert.Equal(ReferenceInputModelValidator.EmailFormat, EmployerPages.FieldError(page, "Input.RefereeEmail"));
        Assert.Equal(ReferenceSectionInputValidator.NarrativeTooLong, EmployerPages.FieldError(page, "Input.Sections[1].Narrative"));
        Assert.Equal(ReferenceInputModelValidator.MonthsRange, EmployerPages.FieldError(page, "Input.MonthsSupervised"));
        Assert.Equal(string.Empty, EmployerPages.FieldError(page, "Input.RefereeName"));
        Assert.Null(await ReferenceAsync(caseId));

        var short_ = await employer.SubmitFormAsync(Url(caseId), new Dictionary<string, string>
        {
            ["Input.Sections[0].Narrative"] = "Short note to finish later.",
            ["command"] = ReferenceController.SaveCommand,
        }, Form);
        Assert.Equal(HttpStatusCode.Redirect, short_.StatusCode);
        Assert.Equal("Short note to finish later.", (await ReferenceAsync(caseId))!.Sections.Single(s => s.Narrative is not null).Narrative);
    }

    [Fact]
    public async Task TheBrowserChecksTheSameRules_WithTheSameMessages_BeforePosting()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var page = await EmployerPages.OkPageAsync(employer, Url(caseId));

        var narrative = Field(page, "Input.Sections[0].Narrative");
        Assert.Equal(ReferenceSectionInputValidator.NarrativeRequired, narrative.GetAttribute("data-val-required"));
        Assert.Equal(ReferenceSectionInputValidator.NarrativeTooShort, narrative.GetAttribute("data-val-minlength"));
        Assert.Equal(ReferenceSectionInputValidator.MinimumNarrative.ToString(System.Globalization.CultureInfo.InvariantCulture), narrative.GetAttribute("data-val-minlength-min"));
        Assert.Equal(ReferenceSectionInputValidator.NarrativeTooLong, narrative.GetAttribute("data-val-maxlength"));
        var name = Field(page, "Input.RefereeName");
        Assert.Equal(ReferenceInputModelValidator.RefereeNameRequired, name.GetAttribute("data-val-required"));
        Assert.Equal(ReferenceInputModelValidator.RefereeNameTooShort, name.GetAttribute("data-val-minlength"));
        Assert.Equal(ReferenceInputModelValidator.RefereeNameTooLong, name.GetAttribute("data-val-maxlength"));
        Assert.Equal(ReferenceInputModelValidator.RefereeJobTitleRequired, Field(page, "Input.RefereeJobTitle").GetAttribute("data-val-required"));
        Assert.Equal(ReferenceInputModelValidator.RelationshipTooShort, Field(page, "Input.RelationshipToApprentice").GetAttribute("data-val-minlength"));
        var months = Field(page, "Input.MonthsSupervised");
        Assert.Equal(ReferenceInputModelValidator.MonthsRequired, months.GetAttribute("data-val-required"));
        Assert.Equal(ReferenceInputModelValidator.MonthsRange, months.GetAttribute("data-val-range"));
        Assert.Equal("240", months.GetAttribute("data-val-range-max"));
        var email = Field(page, "Input.RefereeEmail");
        Assert.Equal(ReferenceInputModelValidator.EmailFormat, email.GetAttribute("data-val-regex"));
        Assert.Equal(ReferenceInputModelValidator.EmailPattern, email.GetAttribute("data-val-regex-pattern"));
        Assert.Equal(ReferenceInputModelValidator.DeclarationRequired, Field(page, "Input.DeclarationAccepted").GetAttribute("data-val-mustbetrue"));

        // type="email" or type="number" (with min/max) would make jquery-validation add its own rules with
        // its own English messages ("Please enter a valid email address."), unlike the server's.
        Assert.Equal(("text", "email"), (email.GetAttribute("type"), email.GetAttribute("inputmode")));
        Assert.Equal(("text", "numeric"), (months.GetAttribute("type"), months.GetAttribute("inputmode")));
        Assert.Null(months.GetAttribute("min") ?? months.GetAttribute("max"));

        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Contains(scripts, s => s.Contains("jquery.validate.min.js", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("jquery.validate.unobtrusive.min.js", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.StartsWith("/js/employer.js", StringComparison.Ordinal));

        // Saving a draft skips the browser's checks (the server's draft rules still apply); submitting runs them.
        Assert.NotNull(page.QuerySelector($"button[value='{ReferenceController.SaveCommand}'][formnovalidate]"));
        Assert.Null(page.QuerySelector($"button[value='{ReferenceController.SubmitCommand}'][formnovalidate]"));
    }

    [Fact]
    public async Task TwoPeopleEditingAtOnce_TheSecondSaveIsRefused_ShowingTheNewerTextAndKeepingTheirOwn()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var first = await factory.SignInAsync(Demo.Employer);
        using var second = await factory.SignInAsync(Demo.Employer);
        await first.SubmitFormAsync(Url(caseId), new Dictionary<string, string> { ["Input.RefereeName"] = "Erin Employer", ["command"] = ReferenceController.SaveCommand }, Form);

        // Both open the draft; the first saves, then the second saves the page they loaded earlier.
        var firstForm = (AngleSharp.Html.Dom.IHtmlFormElement)(await EmployerPages.OkPageAsync(first, Url(caseId))).QuerySelector(Form)!;
        var secondForm = (AngleSharp.Html.Dom.IHtmlFormElement)(await EmployerPages.OkPageAsync(second, Url(caseId))).QuerySelector(Form)!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(firstForm, Url(caseId), new Dictionary<string, string>
        {
            ["Input.Sections[0].Narrative"] = "First person's account of the refund endpoint.",
            ["command"] = ReferenceController.SaveCommand,
        })).StatusCode);
        var conflict = await second.SubmitAsync(secondForm, Url(caseId), new Dictionary<string, string>
        {
            ["Input.Sections[0].Narrative"] = "Second person's account, written at the same time.",
            ["command"] = ReferenceController.SaveCommand,
        });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await PortalClient.ParseAsync(conflict);
        Assert.Contains("Someone else saved this reference", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("First person's account of the refund endpoint.", page.QuerySelector("textarea[name='Input.Sections[0].Narrative']")!.TextContent.Trim());
        Assert.Contains("Second person's account, written at the same time.", page.QuerySelector("details.unsaved-text")!.TextContent, StringComparison.Ordinal);
        var saved = await ReferenceAsync(caseId);
        Assert.Equal("First person's account of the refund endpoint.", saved!.Sections.Single(s => s.Narrative is not null).Narrative);
        Assert.Equal(saved.Version.ToString(), page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value"));

        // Saving again from the refreshed form works.
        var retry = await second.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector(Form)!, Url(caseId), new Dictionary<string, string>
        {
            ["Input.Sections[0].Narrative"] = "Second person's account, written at the same time.",
            ["command"] = ReferenceController.SaveCommand,
        });
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
    }

    [Fact]
    public async Task AnAdmin_ReopensASubmittedReferenceWithAReason_AndTheEmployerCanChangeIt()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitReferenceAsync(factory, caseId);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var adminUrl = $"/admin/cases/{caseId}/reference";
        var adminPage = await EmployerPages.OkPageAsync(admin, adminUrl);
        Assert.Contains(EmployerScenario.Narrative, adminPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var noReason = await admin.SubmitFormAsync(adminUrl, new Dictionary<string, string> { ["Reopen.Reason"] = " " }, "form[action$='/reopen']");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(ReopenReferenceInputValidator.ReasonRequired, EmployerPages.FieldError(await PortalClient.ParseAsync(noReason), "Reopen.Reason"));
        Assert.Equal(ReferenceStatus.Submitted, (await ReferenceAsync(caseId))!.Status);

        var reopened = await admin.SubmitFormAsync(adminUrl, new Dictionary<string, string> { ["Reopen.Reason"] = "Please add an example for With Whom." }, "form[action$='/reopen']");
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var reference = await ReferenceAsync(caseId);
        Assert.Equal(ReferenceStatus.Draft, reference!.Status);
        Assert.Equal("Please add an example for With Whom.", reference.ReopenReason);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.CaseId == caseId && a.Action == "ReferenceReopened"));
        Assert.Equal("Please add an example for With Whom.", audit.Reason);

        using var employer = await factory.SignInAsync(Demo.Employer);
        var form = await EmployerPages.OkPageAsync(employer, Url(caseId));
        Assert.Contains("Please add an example for With Whom.", form.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(EmployerScenario.Narrative, form.QuerySelector("textarea[name='Input.Sections[2].Narrative']")!.TextContent.Trim());
        var fields = await CompleteAsync(caseId);
        fields["Input.Sections[2].Narrative"] = EmployerScenario.Narrative + " She also ran the sprint demo for the finance team.";
        Assert.Equal(HttpStatusCode.Redirect, (await employer.SubmitFormAsync(Url(caseId), fields, Form)).StatusCode);
        Assert.Equal(ReferenceStatus.Submitted, (await ReferenceAsync(caseId))!.Status);
    }

    [Fact]
    public async Task Reopen_OfAReferenceNotSubmitted_IsRefusedWithAReason()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.PostWithTokenAsync($"/admin/cases/{caseId}/reference", $"/admin/cases/{caseId}/reference/reopen", [new("Reopen.Reason", "Reopening something that is not there.")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The reference has not been submitted, so there is nothing to reopen.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Url(int caseId) => $"/employer/cases/{caseId}/reference";

    private static IElement Field(IDocument page, string name) =>
        page.QuerySelector($"[name='{name}']:not([type=hidden])") ?? throw new InvalidOperationException($"No field {name}.");

    private async Task<Dictionary<string, string>> CompleteAsync(int caseId)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.RefereeName"] = "Erin Employer",
            ["Input.RefereeJobTitle"] = "Engineering Manager",
            ["Input.RelationshipToApprentice"] = "Line manager",
            ["Input.MonthsSupervised"] = "18",
            ["Input.RefereeEmail"] = "erin@acme.demo.test",
            ["Input.DeclarationAccepted"] = "true",
            ["command"] = ReferenceController.SubmitCommand,
        };
        var areas = await AreasAsync(caseId);
        for (var i = 0; i < areas.Count; i++)
        {
            fields[$"Input.Sections[{i}].Narrative"] = EmployerScenario.Narrative;
        }

        return fields;
    }

    private Task<List<(string Code, string Name)>> AreasAsync(int caseId) =>
        factory.WithDbAsync(async db => (await db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.StandardVersion!.Areas)
            .OrderBy(a => a.Order).Select(a => new { a.Code, a.Name }).ToListAsync()).Select(a => (a.Code, a.Name)).ToList());

    private Task<EmployerReference?> ReferenceAsync(int caseId) =>
        factory.WithDbAsync(db => db.EmployerReferences.AsNoTracking().Include(r => r.Sections).SingleOrDefaultAsync(r => r.CaseId == caseId));

    private static string Message(string validator, string name) =>
        (string)(typeof(ReferenceInputModel).Assembly.GetType($"EpaPortal.Web.Features.References.{validator}")!.GetField(name)!.GetValue(null)!);

    private static string Normalise(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
