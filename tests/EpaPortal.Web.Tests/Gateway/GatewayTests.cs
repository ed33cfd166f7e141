using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Features.Gateway;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Gateway;

/// <summary>The employer's gateway submission: refused with every missing item named, accepted when complete, resubmitted after a rejection.</summary>
[Trait(Category.Name, Category.Integration)]
public class GatewayTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Submit_OnACaseWithNothingDone_IsRefused_NamingEveryMissingItem()
    {
        var (_, caseId) = await EmployerScenario.NewCaseAsync(factory);
        var modules = await ModulesAsync(caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await GatewayForm.PostAsync(employer, caseId, new Dictionary<string, string>(), []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = await ProblemsAsync(response);
        string[] expected =
        [
            .. modules.Select(m => $"The knowledge module '{m}' has not been recorded as passed."),
            "English level 2 evidence, or the reason for an exemption, is missing.",
            "Maths level 2 evidence, or the reason for an exemption, is missing.",
            "The employer has not confirmed the minimum time on programme (12 months).",
            "The apprentice has not submitted the portfolio.",
            "The employer reference has not been submitted.",
            "The employer has not confirmed that the portfolio and the employer reference are complete.",
            "The employer has not declared the apprentice ready for the end-point assessment.",
            "The apprentice's consent to the certificate request has not been recorded.",
            "The name and job title of the employer's signatory are needed.",
        ];
        Assert.Equal(expected.Order(), problems.Order());
        Assert.Equal(CaseState.Registered, await EmployerScenario.StateAsync(factory, caseId));
        Assert.False(await factory.WithDbAsync(db => db.GatewaySubmissions.AnyAsync(g => g.CaseId == caseId)));
    }

    [Fact]
    public async Task Submit_WithOneItemMissing_NamesJustThatItem_AndKeepsTheFilesAndAnswers()
    {
        var (_, caseId) = await EmployerScenario.ReadyForGatewayAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var fields = GatewayForm.Complete();
        fields.Remove("Input.ReadinessDeclared");

        var refused = await GatewayForm.PostAsync(employer, caseId, fields, [.. GatewayForm.Certificates(), new SlotFile("english", "gcse-english.pdf", Files.Pdf())]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("The employer has not declared the apprentice ready for the end-point assessment.", Assert.Single(await ProblemsAsync(refused)));
        Assert.Equal(CaseState.Registered, await EmployerScenario.StateAsync(factory, caseId));

        // The files are kept and the form shows them with everything typed, so only the missing tick is needed.
        var kept = await GatewayForm.ValuesAsync(refused);
        var stored = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.CaseId == caseId && f.Purpose != FilePurpose.PortfolioEvidence).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.Equal(stored.Single(f => f.OriginalFileName == "module-0-certificate.pdf").Id.ToString(), kept["Input.Modules[0].CertificateFileId"]);
        Assert.Equal(stored.Single(f => f.OriginalFileName == "gcse-english.pdf").Id.ToString(), kept["Input.EnglishEvidenceFileId"]);
        Assert.Equal("BCS, The Chartered Institute for IT", kept["Input.Modules[1].AwardingBody"]);
        Assert.Equal("true", kept["Input.ApprenticeConsentsToCertificateRequest"]);
        Assert.False(kept.ContainsKey("Input.ReadinessDeclared"));
        Assert.Contains("module-1-certificate.pdf", (await PortalClient.ParseAsync(refused)).QuerySelector("main form")!.TextContent, StringComparison.Ordinal);

        kept["Input.ReadinessDeclared"] = "true";
        var accepted = await GatewayForm.PostAsync(employer, caseId, kept, []);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(CaseState.GatewaySubmitted, await EmployerScenario.StateAsync(factory, caseId));
    }

    [Fact]
    public async Task Submit_WhenComplete_CreatesTheSubmission_MovesTheCase_AndTellsTheAdmins()
    {
        var (_, caseId) = await EmployerScenario.ReadyForGatewayAsync(factory);
        var modules = await ModulesAsync(caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await GatewayForm.PostAsync(employer, caseId, GatewayForm.Complete(), [.. GatewayForm.Certificates(), new SlotFile("english", "gcse-english.jpg", Files.Jpeg())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(GatewayForm.Url(caseId), EmployerPages.Location(response));
        await factory.WithDbAsync(async db =>
        {
            var epaCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
            Assert.Equal(CaseState.GatewaySubmitted, epaCase.State);
            Assert.Equal(factory.Clock.GetUtcNow(), epaCase.GatewaySubmittedAt);
            var submission = await db.GatewaySubmissions.AsNoTracking().Include(g => g.ModuleResults).SingleAsync(g => g.CaseId == caseId);
            Assert.Equal(modules, submission.ModuleResults.OrderBy(r => r.Id).Select(r => r.Module));
            Assert.All(submission.ModuleResults, r => Assert.Equal(new DateOnly(2026, 5, 1), r.PassedOn));
            var files = await db.StoredFiles.AsNoTracking().Where(f => f.CaseId == caseId).ToDictionaryAsync(f => f.Id);
            Assert.All(submission.ModuleResults, r => Assert.Equal(FilePurpose.KnowledgeModuleCertificate, files[r.CertificateFileId].Purpose));
            Assert.Equal(FilePurpose.EnglishMathsEvidence, files[submission.EnglishEvidenceFileId!.Value].Purpose);
            Assert.Equal("image/jpeg", files[submission.EnglishEvidenceFileId!.Value].ContentType);
            Assert.Null(submission.MathsEvidenceFileId);
            Assert.StartsWith("GCSE mathematics grade 6", submission.MathsExemptionReason, StringComparison.Ordinal);
            Assert.True(submission.ReadinessDeclared && submission.MinimumTimeOnProgrammeConfirmed && submission.PortfolioAndReferenceCompleteConfirmed && submission.ApprenticeConsentsToCertificateRequest);
            Assert.Equal("Erin Employer", submission.EmployerSignatoryName);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.CaseId == caseId && a.Action == "StateChanged" && a.ToState == nameof(CaseState.GatewaySubmitted)));
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Kind == NotificationKind.GatewaySubmitted && m.ToAddress == Demo.Admin));
        });

        // Submitted: no form any more, and a second post is refused by the workflow.
        var page = await EmployerPages.OkPageAsync(employer, GatewayForm.Url(caseId));
        Assert.Null(page.QuerySelector("form[enctype='multipart/form-data']"));
        Assert.Contains("Submitted: waiting to be checked", page.QuerySelector("#outcome-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("module-0-certificate.pdf", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var again = await GatewayForm.PostAsync(employer, caseId, GatewayForm.Complete(), [], tokenPage: $"/employer/cases/{caseId}/entry-requirements");
        Assert.Equal("A case that is 'Gateway submitted' cannot move to 'Gateway submitted'.", Assert.Single(await ProblemsAsync(again)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.GatewaySubmissions.CountAsync(g => g.CaseId == caseId)));
    }

    [Fact]
    public async Task AfterARejection_TheEmployerSeesEachItemsOutcome_AndResubmitsAsANewSubmission()
    {
        var (_, caseId) = await EmployerScenario.ToStateAsync(factory, CaseState.GatewayRejected);
        const string reason = "The English certificate is not legible: upload a clearer copy.";
        using var employer = await factory.SignInAsync(Demo.Employer);

        var page = await EmployerPages.OkPageAsync(employer, GatewayForm.Url(caseId));
        Assert.Equal("The gateway was rejected", page.QuerySelector("#outcome-heading")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("#outcome-heading ~ table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(Enum.GetValues<GatewayItem>().Select(i => Domain.Common.DisplayNames.Of(i)), rows.Select(r => r[0]));
        Assert.Equal(new[] { "English and maths", "Rejected", reason }, rows.Single(r => r[1] == "Rejected"));
        Assert.Equal(Enum.GetValues<GatewayItem>().Length - 1, rows.Count(r => r[1] == "Approved"));
        var casePage = await EmployerPages.OkPageAsync(employer, $"/employer/cases/{caseId}");
        Assert.Contains(reason, casePage.QuerySelector("#gateway-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The gateway was rejected: read the reasons and resubmit it", casePage.QuerySelector("#waiting-heading + ul")!.TextContent, StringComparison.Ordinal);

        // The form starts from the previous submission; the employer replaces the certificate and resubmits.
        var values = EmployerPages.Values((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[enctype='multipart/form-data']")!);
        Assert.Equal("BCS", values["Input.Modules[1].AwardingBody"]);
        var oldCertificate = values["Input.Modules[1].CertificateFileId"];
        var resubmitted = await GatewayForm.PostAsync(employer, caseId, values,
            [new SlotFile("module-1", "programming-certificate-rescan.pdf", Files.Pdf()), new SlotFile("english", "gcse-english-clear-copy.pdf", Files.Pdf())]);

        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);
        Assert.Equal(CaseState.GatewaySubmitted, await EmployerScenario.StateAsync(factory, caseId));
        var submissions = await factory.WithDbAsync(db => db.GatewaySubmissions.AsNoTracking().Include(g => g.ModuleResults).Include(g => g.Reviews)
            .Where(g => g.CaseId == caseId).OrderBy(g => g.Id).ToListAsync());
        Assert.Equal(2, submissions.Count);
        Assert.Equal(Enum.GetValues<GatewayItem>().Length, submissions[0].Reviews.Count);
        Assert.Empty(submissions[1].Reviews);
        var modules = await ModulesAsync(caseId);
        Guid Certificate(GatewaySubmission submission, int module) => submission.ModuleResults.Single(r => r.Module == modules[module]).CertificateFileId;
        Assert.Equal(oldCertificate, Certificate(submissions[0], 1).ToString());
        Assert.NotEqual(oldCertificate, Certificate(submissions[1], 1).ToString());
        Assert.Equal(Certificate(submissions[0], 0), Certificate(submissions[1], 0));
        Assert.Null(submissions[0].EnglishEvidenceFileId);
        Assert.NotNull(submissions[1].EnglishEvidenceFileId);
    }

    [Fact]
    public async Task Files_OfTheWrongKind_AreRefusedWithTheirReason_AndNothingIsSubmitted()
    {
        var (_, caseId) = await EmployerScenario.ReadyForGatewayAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var response = await GatewayForm.PostAsync(employer, caseId, GatewayForm.Complete(),
        [
            new SlotFile("module-0", "certificate.docx", Files.Docx()),
            new SlotFile("module-1", "certificate.pdf", Files.Exe()),
            new SlotFile("english", "english.pdf", Files.Pdf()),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = (await PortalClient.ParseAsync(response)).QuerySelectorAll(".alert-secondary li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(messages, m => m.StartsWith("certificate.docx was not uploaded: it is a .docx file;", StringComparison.Ordinal) && m.Contains("must be a PDF or an image", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("certificate.pdf was not uploaded:", StringComparison.Ordinal));
        Assert.Contains("english.pdf was uploaded as the English evidence.", messages);
        var problems = await ProblemsAsync(response);
        var modules = await ModulesAsync(caseId);
        Assert.Contains($"The certificate file for the knowledge module '{modules[0]}' is missing.", problems);
        Assert.Contains($"The certificate file for the knowledge module '{modules[1]}' is missing.", problems);
        Assert.Equal(CaseState.Registered, await EmployerScenario.StateAsync(factory, caseId));
        var kinds = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.CaseId == caseId && f.Purpose != FilePurpose.PortfolioEvidence).Select(f => f.OriginalFileName).ToListAsync());
        Assert.Equal("english.pdf", Assert.Single(kinds));
    }

    [Fact]
    public async Task AFileOfAnotherCase_CannotBeSlippedIntoTheForm()
    {
        var (_, caseId) = await EmployerScenario.ReadyForGatewayAsync(factory);
        var (_, otherCase) = await EmployerScenario.NewCaseAsync(factory);
        var foreign = await EmployerScenario.AddFileAsync(factory, otherCase, FilePurpose.KnowledgeModuleCertificate);
        var modules = await ModulesAsync(caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var fields = GatewayForm.Complete();
        fields["Input.Modules[0].CertificateFileId"] = foreign.ToString();
        fields["Input.Modules[1].CertificateFileId"] = foreign.ToString();
        fields["Input.EnglishExemptionReason"] = "GCSE English grade 5 (2018).";

        var response = await GatewayForm.PostAsync(employer, caseId, fields, []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = await ProblemsAsync(response);
        Assert.Contains($"The file given for the certificate of '{modules[0]}' was not found; upload it again.", problems);
        Assert.Contains($"The certificate file for the knowledge module '{modules[1]}' is missing.", problems);
        Assert.Equal(CaseState.Registered, await EmployerScenario.StateAsync(factory, caseId));
    }

    [Fact]
    public async Task Modules_WithoutAnAwardingBodyOrWithAnImpossibleDate_ShowTheMessageNextToTheField()
    {
        var (_, caseId) = await EmployerScenario.ReadyForGatewayAsync(factory);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var fields = GatewayForm.Complete();
        fields["Input.Modules[0].AwardingBody"] = string.Empty;
        fields.Remove("Input.Modules[1].PassedOn");
        (fields["Input.Modules[1].PassedOn.Day"], fields["Input.Modules[1].PassedOn.Month"], fields["Input.Modules[1].PassedOn.Year"]) = ("30", "2", "2026");
        fields["Input.SignatoryJobTitle"] = new string('j', 201);

        var response = await GatewayForm.PostAsync(employer, caseId, fields, GatewayForm.Certificates());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(KnowledgeModuleInputValidator.AwardingBodyRequired, EmployerPages.FieldError(page, "Input.Modules[0].AwardingBody"));
        Assert.Equal("Date passed must be a real date", EmployerPages.FieldError(page, "Input.Modules[1].PassedOn"));
        Assert.Equal(GatewayInputValidator.SignatoryJobTitleTooLong, EmployerPages.FieldError(page, "Input.SignatoryJobTitle"));
        Assert.Equal(["30", "2", "2026"], new[] { "Day", "Month", "Year" }.Select(part => page.QuerySelector($"input[name='Input.Modules[1].PassedOn.{part}']")!.GetAttribute("value")));
        Assert.Contains("is-invalid", page.QuerySelector("#Input_Modules_1__PassedOn")!.ClassName, StringComparison.Ordinal);
        Assert.Equal(CaseState.Registered, await EmployerScenario.StateAsync(factory, caseId));
    }

    [Fact]
    public async Task APassDateInTheFuture_IsNamedByTheWorkflow()
    {
        var (_, caseId) = await EmployerScenario.ReadyForGatewayAsync(factory);
        var modules = await ModulesAsync(caseId);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var fields = GatewayForm.Complete();
        fields["Input.Modules[1].PassedOn"] = "2026-12-01";
        fields["Input.EnglishExemptionReason"] = "GCSE English grade 5 (2018).";

        var response = await GatewayForm.PostAsync(employer, caseId, fields, GatewayForm.Certificates());

        Assert.Equal($"The pass date of the knowledge module '{modules[1]}' is in the future.", Assert.Single(await ProblemsAsync(response)));
    }

    private static async Task<List<string>> ProblemsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        return page.QuerySelectorAll("#gateway-problems li").Select(li => li.TextContent.Trim()).ToList();
    }

    private Task<List<string>> ModulesAsync(int caseId) =>
        factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.StandardVersion!.KnowledgeModules).OrderBy(m => m.Order).Select(m => m.Name).ToListAsync());
}
