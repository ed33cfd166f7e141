using System.IO.Compression;
using System.Net;
using System.Text.Json;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Records;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Records;

/// <summary>
/// The subject access export (issue 22 item 1): an admin asks for it, it is made in the background, it holds
/// every kind of record about the person and their own files, nobody else's personal data, and never the
/// confidential assessment notes or a grade not yet released; it downloads once and is audited.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Integration)]
public class SubjectAccessExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpResponseMessage First, HttpResponseMessage Second, int ExportId)> ExportAndDownloadAsync(PortalClient admin, string newExportUrl)
    {
        var asked = await admin.SubmitFormAsync(newExportUrl, new Dictionary<string, string>(), "main form");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        await factory.Services.GetRequiredService<RecordsJobs>().RunQueueAsync(CancellationToken.None);
        var export = await factory.WithDbAsync(db => db.SubjectAccessExports.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync());
        Assert.True(export.Status == ExportStatus.Ready, export.Problem);

        var downloadUrl = $"/admin/privacy/exports/{export.Id}/download";
        var token = await admin.GetAntiforgeryTokenAsync("/admin/privacy/exports");
        var first = await admin.Http.PostAsync(new Uri(downloadUrl, UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var second = await admin.Http.PostAsync(new Uri(downloadUrl, UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        return (first, second, export.Id);
    }

    private static async Task<(string Json, List<string> Entries, ZipArchive Zip)> ReadZipAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        using var reader = new StreamReader(zip.GetEntry("person.json")!.Open());
        return (await reader.ReadToEndAsync(), entries, zip);
    }

    [Fact]
    public async Task AnApprenticesExport_HoldsEveryKindOfTheirRecord_AndTheirFiles_ButNoConfidentialNotesUnreleasedGradeOrOtherPeople()
    {
        // The apprentice's case is graded and approved by QA but not released; another apprentice of the same
        // employer is further on. Marked confidential text must never appear.
        const string Secret = "SECRET-ASSESSOR-NOTE-7731";
        var own = await AssessorJourney.CreateCaseAsync(factory, CaseState.IqaApproved, options: new ScenarioOptions { ConfidentialMarker = Secret });
        var other = await AssessorJourney.CreateCaseAsync(factory, CaseState.ResultReleased);
        var (apprenticeId, otherName, otherEmail, otherUln, assessorEmail) = await factory.WithDbAsync(async db =>
        {
            var mine = await db.Cases.AsNoTracking().Where(c => c.Id == own.CaseId).Select(c => c.ApprenticeId).SingleAsync();
            var them = await db.Cases.AsNoTracking().Where(c => c.Id == other.CaseId).Select(c => new { c.Apprentice!.GivenNames, c.Apprentice.FamilyName, c.Apprentice.Email, c.Apprentice.Uln }).SingleAsync();
            var assessor = await db.Cases.AsNoTracking().Where(c => c.Id == own.CaseId).Select(c => db.Users.Where(u => u.Id == c.AssessorId).Select(u => u.Email).Single()).SingleAsync();
            return (mine, $"{them.GivenNames} {them.FamilyName}", them.Email, them.Uln.Trim(), assessor!);
        });
        var ownFiles = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.CaseId == own.CaseId).Select(f => f.Id).ToListAsync());
        Assert.NotEmpty(ownFiles);

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (first, second, exportId) = await ExportAndDownloadAsync(admin, $"/admin/privacy/exports/new?apprenticeId={apprenticeId}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/zip", first.Content.Headers.ContentType!.MediaType);
        var (json, entries, zip) = await ReadZipAsync(first);
        using (zip)
        {
            using var document = JsonDocument.Parse(json);
            var sections = document.RootElement.GetProperty("sections");
            foreach (var section in new[] { "account", "apprenticeRecord", "cases", "evidence", "project", "employerReferences", "interviews", "auditEntries" })
            {
                Assert.True(sections.TryGetProperty(section, out var value) && value.ValueKind != JsonValueKind.Null, $"section {section} is empty");
            }

            Assert.Contains(own.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), sections.GetProperty("cases").GetRawText(), StringComparison.Ordinal);
            Assert.All(ownFiles, id => Assert.Contains(entries, e => e.Contains(id.ToString("N"), StringComparison.Ordinal)));
            Assert.Contains("README.txt", entries);

            // Never: the confidential notes, the grade not yet released, other people's personal data.
            Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
            Assert.Equal(0, sections.GetProperty("results").GetArrayLength());
            Assert.DoesNotContain("Merit", json, StringComparison.Ordinal);
            Assert.DoesNotContain(otherName, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(otherEmail, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(otherUln, json, StringComparison.Ordinal);
            Assert.DoesNotContain(assessorEmail, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(own.CaseId == other.CaseId ? "x" : $"\"caseId\": {other.CaseId},", json, StringComparison.Ordinal);
            var withheld = document.RootElement.GetProperty("withheld").GetRawText();
            Assert.Contains("exam scripts and marks", withheld, StringComparison.Ordinal);
            Assert.Contains("not been released", withheld, StringComparison.Ordinal);
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("files/", StringComparison.Ordinal)))
            {
                using var content = new StreamReader(entry.Open());
                Assert.DoesNotContain(Secret, await content.ReadToEndAsync(), StringComparison.Ordinal);
            }
        }

        // Once only, and audited (ids, never the person's name).
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Details != null && a.Details.Contains($"export {exportId}")).Select(a => a.Action).ToListAsync());
        Assert.Contains(PrivacyAdminService.ExportRequested, audit);
        Assert.Contains(SubjectAccessExporter.ExportReady, audit);
        Assert.Contains(PrivacyAdminService.ExportDownloaded, audit);
    }

    [Fact]
    public async Task AReleasedResult_IsInTheExport_WithItsFeedback()
    {
        var released = await AssessorJourney.CreateCaseAsync(factory, CaseState.ResultReleased, options: new ScenarioOptions { RationaleMarker = "RELEASED-RATIONALE-4411" });
        var apprenticeId = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == released.CaseId).Select(c => c.ApprenticeId).SingleAsync());

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (first, _, _) = await ExportAndDownloadAsync(admin, $"/admin/privacy/exports/new?apprenticeId={apprenticeId}");

        var (json, _, zip) = await ReadZipAsync(first);
        using (zip)
        {
            using var document = JsonDocument.Parse(json);
            var results = document.RootElement.GetProperty("sections").GetProperty("results");
            Assert.Equal(1, results.GetArrayLength());
            Assert.Equal("Merit", results[0].GetProperty("grade").GetString());
            Assert.Contains("RELEASED-RATIONALE-4411", results.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnEmployersExport_HoldsTheirAccount_ButNotTheirApprenticesNotesOrNames()
    {
        const string Secret = "SECRET-NOTE-FOR-EMPLOYER-TEST-5520";
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.Graded, options: new ScenarioOptions { ConfidentialMarker = Secret });
        var (employerId, apprenticeEmail) = await factory.WithDbAsync(async db => (
            await db.Users.AsNoTracking().Where(u => u.Email == Demo.Employer).Select(u => u.Id).SingleAsync(),
            await db.Cases.AsNoTracking().Where(c => c.Id == testCase.CaseId).Select(c => c.Apprentice!.Email).SingleAsync()));

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (first, _, _) = await ExportAndDownloadAsync(admin, $"/admin/privacy/exports/new?userId={Uri.EscapeDataString(employerId)}");

        var (json, _, zip) = await ReadZipAsync(first);
        using (zip)
        {
            Assert.Contains(Demo.Employer, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain(apprenticeEmail, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task OnlyAnAdmin_CanAskForOrDownloadAnExport()
    {
        using var employer = await factory.SignInAsync(Demo.Employer);

        var page = await employer.GetAsync("/admin/privacy/exports");

        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }
}
