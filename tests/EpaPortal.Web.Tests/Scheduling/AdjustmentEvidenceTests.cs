using System.Net;
using EpaPortal.Domain.Adjustments;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Features.Adjustments;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Scheduling;

/// <summary>Issue 18, item 6: a reasonable adjustment's evidence is uploaded with the request through the evidence
/// store and its checks, and only admins and the requester can open it; requests are editable until decided, and an
/// approved adjustment is amended by an admin with a reason, the timings using the new values.</summary>
[Trait(Category.Name, Category.Integration)]
public class AdjustmentEvidenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Request(string type, string details, int minutes = 0) => new()
    {
        ["Input.Type"] = type,
        ["Input.Details"] = details,
        ["Input.ExtraInterviewMinutes"] = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task ReadyToBookAsync(PortalClient assessor, int caseId)
    {
        await AssessorJourney.StartReviewAsync(assessor, caseId);
        var notes = await AssessorJourney.CompleteNotesFormAsync(assessor, caseId, "Notes", "Why this design?");
        Assert.Equal(HttpStatusCode.Redirect, (await notes.PostAsync(assessor)).StatusCode);
    }

    [Fact]
    public async Task EvidenceSentWithARequest_OpensForTheRequesterAndAdmins_AndIsNotFoundForTheAssessorQaAndApprentice()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var pdf = Files.Pdf(3000);
        var response = await employer.SubmitUploadFormAsync($"/employer/cases/{testCase.CaseId}/adjustments", Request("ExtraTime", "Dyslexia: the psychologist's report is attached.", 30),
            "form.adjustment-form", new FormUpload("evidence", "psychologist-report.pdf", pdf));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var adjustment = await factory.WithDbAsync(db => db.ReasonableAdjustments.AsNoTracking().SingleAsync(a => a.CaseId == testCase.CaseId));
        var file = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == adjustment.EvidenceFileId));
        Assert.Equal(FilePurpose.AdjustmentEvidence, file.Purpose);
        Assert.Equal("psychologist-report.pdf", file.OriginalFileName);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == testCase.CaseId && a.Action == AdjustmentsService.AdjustmentEvidenceUploaded && a.FileId == file.Id)));

        var url = AdjustmentsService.EvidenceUrl(testCase.CaseId, adjustment.Id);
        var (_, employerPage) = await employer.GetPageAsync($"/employer/cases/{testCase.CaseId}/adjustments");
        Assert.Equal(url, employerPage.QuerySelector("a.adjustment-evidence")!.GetAttribute("href"));
        var own = await employer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, adminPage) = await admin.GetPageAsync($"/admin/cases/{testCase.CaseId}/adjustments");
        Assert.Contains("psychologist-report.pdf", adminPage.QuerySelector("a.adjustment-evidence")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/cases/{testCase.CaseId}/adjustments", new Dictionary<string, string>
        {
            ["Decision.Approve"] = "true",
            ["Decision.Reason"] = "Supported by the report.",
            ["Decision.Summary"] = "Allow 30 extra minutes; questions may be read aloud.",
        }, "form[action$='/decide']")).StatusCode);

        // Not the assessor (allocated), quality assurance or the apprentice: the evidence does not exist for them,
        // by its own address or as a case file, and their pages show the effect and summary only.
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await ReadyToBookAsync(assessor, testCase.CaseId);
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        using var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail);
        foreach (var (who, client) in new[] { ("assessor", assessor), ("quality assurer", qa), ("apprentice", apprentice) })
        {
            foreach (var address in new[] { url, $"/evidence/files/{file.Id}", $"/evidence/files/{file.Id}/view", $"/evidence/files/{file.Id}/inline" })
            {
                var refused = await client.GetAsync(address);
                Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"The {who} got {(int)refused.StatusCode} for {address}.");
            }
        }

        // The generic evidence download serves it to no one, not even an admin: only its adjustment's address does.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/evidence/files/{file.Id}")).StatusCode);

        var (_, interviewPage) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/interview");
        var shown = interviewPage.QuerySelector(".approved-adjustments")!.TextContent;
        Assert.Contains("Extra time: Interview 30 minutes longer. Allow 30 extra minutes; questions may be read aloud.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("psychologist", interviewPage.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Dyslexia", interviewPage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedEvidenceFile_KeepsWhatWasTyped_AndAnAcceptedOneIsKeptWhenTheRestOfTheFormIsWrong()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var url = $"/employer/cases/{testCase.CaseId}/adjustments";

        var malware = await employer.SubmitUploadFormAsync(url, Request("RestBreaks", "A break every half hour (GP letter)."), "form.adjustment-form",
            new FormUpload("evidence", "letter.pdf", Files.Exe()));
        Assert.Equal(HttpStatusCode.BadRequest, malware.StatusCode);
        var malwarePage = await PortalClient.ParseAsync(malware);
        Assert.Contains("letter.pdf was not uploaded", malwarePage.QuerySelector(".file-messages")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("A break every half hour (GP letter).", malwarePage.QuerySelector("#Input_Details")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.ReasonableAdjustments.AnyAsync(a => a.CaseId == testCase.CaseId)));

        // A good file with a form missing its kind: the file is stored and kept on the form, not asked for again.
        var missingKind = await employer.SubmitUploadFormAsync(url, new Dictionary<string, string> { ["Input.Details"] = "A break every half hour (GP letter)." }, "form.adjustment-form",
            new FormUpload("evidence", "gp-letter.pdf", Files.Pdf()));
        Assert.Equal(HttpStatusCode.BadRequest, missingKind.StatusCode);
        var missingPage = await PortalClient.ParseAsync(missingKind);
        Assert.Contains("Choose the kind of adjustment.", missingPage.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("gp-letter.pdf", missingPage.QuerySelector(".kept-evidence")!.TextContent, StringComparison.Ordinal);
        var keptId = missingPage.QuerySelector("input[name='Input.EvidenceFileId']")!.GetAttribute("value");

        var fields = Request("RestBreaks", "A break every half hour (GP letter).");
        fields["Input.EvidenceFileId"] = keptId!;
        var sent = await employer.SubmitUploadFormAsync(url, fields, "form.adjustment-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(Guid.Parse(keptId!), await factory.WithDbAsync(db => db.ReasonableAdjustments.Where(a => a.CaseId == testCase.CaseId).Select(a => a.EvidenceFileId).SingleAsync()));

        // Another user cannot attach that file (already used, and not theirs): the id is dropped with a message.
        using var admin = await factory.SignInAsync(Demo.Admin);
        var stolen = Request("ExtraTime", "Trying to reuse the employer's file.");
        stolen["Input.EvidenceFileId"] = keptId!;
        var refused = await admin.SubmitUploadFormAsync($"/admin/cases/{testCase.CaseId}/adjustments", stolen, "form.adjustment-form");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The evidence file uploaded earlier was not found", (await PortalClient.ParseAsync(refused)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRequesterEditsARequestUntilDecided_ThenOnlyAnAdminAmendsIt_WithAReason_AndTheInterviewUsesTheNewLength()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var url = $"/employer/cases/{testCase.CaseId}/adjustments";
        Assert.Equal(HttpStatusCode.Redirect, (await employer.SubmitUploadFormAsync(url, Request("ExtraTime", "Extra time for reading.", 15), "form.adjustment-form")).StatusCode);
        var id = await factory.WithDbAsync(db => db.ReasonableAdjustments.Where(a => a.CaseId == testCase.CaseId).Select(a => a.Id).SingleAsync());
        var edit = $"{url}/{id}/edit";

        var bad = await employer.SubmitUploadFormAsync(edit, new Dictionary<string, string> { ["Input.ExtraInterviewMinutes"] = "ninety" }, "form.adjustment-edit-form");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await PortalClient.ParseAsync(bad);
        Assert.Contains("Extra interview time must be a whole number of minutes.", badPage.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ninety", badPage.QuerySelector("#Input_ExtraInterviewMinutes")!.GetAttribute("value"));

        Assert.Equal(HttpStatusCode.Redirect, (await employer.SubmitUploadFormAsync(edit, new Dictionary<string, string>
        {
            ["Input.Details"] = "Extra time for reading and writing.",
            ["Input.ExtraInterviewMinutes"] = "20",
        }, "form.adjustment-edit-form")).StatusCode);
        var edited = await factory.WithDbAsync(db => db.ReasonableAdjustments.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((20, "Extra time for reading and writing.", AdjustmentStatus.Requested), (edited.ExtraInterviewMinutes, edited.Details, edited.Status));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == testCase.CaseId && a.Action == AdjustmentsService.AdjustmentEdited)));

        using var admin = await factory.SignInAsync(Demo.Admin);
        var register = $"/admin/cases/{testCase.CaseId}/adjustments";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(register, new Dictionary<string, string> { ["Decision.Approve"] = "true", ["Decision.Reason"] = "Agreed." }, "form[action$='/decide']")).StatusCode);

        // Decided: the employer can no longer edit it (the page is gone for them, a post is refused).
        Assert.Equal(HttpStatusCode.NotFound, (await employer.GetAsync(edit)).StatusCode);
        var (_, employerPage) = await employer.GetPageAsync(url);
        Assert.Null(employerPage.QuerySelector("a.adjustment-edit"));

        var amend = $"{register}/{id}/edit";
        var noReason = await admin.SubmitUploadFormAsync(amend, new Dictionary<string, string> { ["Input.ExtraInterviewMinutes"] = "45" }, "form.adjustment-edit-form");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Give the reason for amending an approved adjustment", (await PortalClient.ParseAsync(noReason)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(20, await factory.WithDbAsync(db => db.ReasonableAdjustments.Where(a => a.Id == id).Select(a => a.ExtraInterviewMinutes).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitUploadFormAsync(amend, new Dictionary<string, string>
        {
            ["Input.ExtraInterviewMinutes"] = "45",
            ["Input.Summary"] = "Allow 45 extra minutes.",
            ["Input.Reason"] = "A new report recommends 45 minutes.",
        }, "form.adjustment-edit-form")).StatusCode);
        var amended = await factory.WithDbAsync(db => db.ReasonableAdjustments.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((45, AdjustmentStatus.Approved, "A new report recommends 45 minutes."), (amended.ExtraInterviewMinutes, amended.Status, amended.AmendmentReason));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == testCase.CaseId && a.Action == AdjustmentsService.AdjustmentAmended
            && a.Reason == "A new report recommends 45 minutes." && a.Details!.Contains("Interview 20 minutes longer") && a.Details.Contains("Interview 45 minutes longer"))));

        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await ReadyToBookAsync(assessor, testCase.CaseId);
        var (_, interview) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/interview");
        Assert.Equal("105", interview.QuerySelector("#DurationMinutes")!.GetAttribute("value"));
        Assert.Contains("Interview 45 minutes longer. Allow 45 extra minutes.", interview.QuerySelector(".approved-adjustments")!.TextContent, StringComparison.Ordinal);
    }
}
