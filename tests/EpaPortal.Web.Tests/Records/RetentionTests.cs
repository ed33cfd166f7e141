using System.Net;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Features.Records;
using EpaPortal.Web.Storage;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Records;

/// <summary>
/// The retention schedule (issue 22 item 2) over generated cases across dates with the fake clock: the dry run
/// lists exactly what has expired, never a case under a legal hold or with an appeal open; carrying it out
/// removes exactly that (file bytes go, records stay), audits counts and ids, and leaves the chain intact.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class RetentionTests
{
    private static readonly FilePurpose[] Evidence = [FilePurpose.PortfolioEvidence, FilePurpose.KnowledgeModuleCertificate, FilePurpose.EnglishMathsEvidence];

    [Fact]
    public async Task ThePurge_RemovesExactlyWhatExpired_AndNothingUnderAppealOrLegalHold()
    {
        using var factory = new PortalFactory();
        var expired = await AssessorJourney.CreateCaseAsync(factory, CaseState.CertificateRequested);
        var held = await AssessorJourney.CreateCaseAsync(factory, CaseState.CertificateRequested);
        var appealed = await AssessorJourney.CreateCaseAsync(factory, CaseState.AppealLodged);
        using (var admin = await factory.SignInAsync(Demo.Admin))
        {
            var placed = await admin.SubmitFormAsync($"/admin/cases/{held.CaseId}/legal-hold", new Dictionary<string, string> { ["Input.Reason"] = "Complaint to the regulator under investigation" }, "form#hold-form");
            Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        }

        // Three years and two months later a case released last week is not due yet.
        factory.Clock.Advance(TimeSpan.FromDays((365 * 3) + 61));
        var recent = await AssessorJourney.CreateCaseAsync(factory, CaseState.CertificateRequested);
        var cases = new[] { expired.CaseId, held.CaseId, appealed.CaseId, recent.CaseId };

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var retention = scope.ServiceProvider.GetRequiredService<RetentionService>();
        var report = new RetentionReport(factory.Clock.GetUtcNow(), "Test admin");
        db.RetentionReports.Add(report);
        await db.SaveChangesAsync();
        await retention.BuildReportAsync(report.Id, CancellationToken.None);

        // The dry run: the expired case only, for every class of case data it has; nothing removed yet.
        var items = await db.RetentionReportItems.AsNoTracking().Where(i => i.ReportId == report.Id && i.CaseId != null).ToListAsync();
        var listed = items.Where(i => cases.Contains(i.CaseId!.Value)).ToList();
        Assert.All(listed, i => Assert.Equal(expired.CaseId, i.CaseId));
        Assert.Contains(listed, i => i.DataClass == DataClass.EvidenceFiles);
        Assert.Contains(listed, i => i.DataClass == DataClass.Notes);
        Assert.Equal(0, await db.StoredFiles.CountAsync(f => f.PurgedAt != null));

        var keys = await db.StoredFiles.AsNoTracking().Where(f => cases.Contains(f.CaseId) && Evidence.Contains(f.Purpose))
            .Select(f => new { f.Id, f.CaseId, f.StorageKey, f.OriginalFileName }).ToListAsync();
        var tracked = await db.RetentionReports.SingleAsync(r => r.Id == report.Id);
        tracked.Approve("Test admin", factory.Clock.GetUtcNow());
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await retention.CarryOutAsync(report.Id, CancellationToken.None);

        // Exactly the expired case's evidence lost its bytes (the record and its SHA-256 stay); the others are whole.
        var store = scope.ServiceProvider.GetRequiredService<IEvidenceStore>();
        var files = await db.StoredFiles.AsNoTracking().Where(f => cases.Contains(f.CaseId) && Evidence.Contains(f.Purpose)).ToListAsync();
        Assert.Contains(files, f => f.CaseId == expired.CaseId);
        foreach (var file in files)
        {
            var read = await store.OpenVerifiedAsync(file.StorageKey, file.Sha256, CancellationToken.None);
            await using (read)
            {
                if (file.CaseId == expired.CaseId)
                {
                    Assert.NotNull(file.PurgedAt);
                    Assert.Equal(StoredFileReadStatus.Missing, read.Status);
                    Assert.Equal(StoredFile.PurgedFileName, file.OriginalFileName);
                }
                else
                {
                    Assert.Null(file.PurgedAt);
                    Assert.Equal(StoredFileReadStatus.Ok, read.Status);
                }
            }
        }

        // The notes of the expired case are gone; the held and appealed cases keep theirs; grades stay.
        var notes = await db.AssessorNotes.AsNoTracking().Where(n => cases.Contains(n.CaseId)).Select(n => new { n.CaseId, n.Notes }).ToListAsync();
        Assert.All(notes.Where(n => n.CaseId == expired.CaseId), n => Assert.Equal(CaseDataRemoval.Removed, n.Notes));
        Assert.All(notes.Where(n => n.CaseId != expired.CaseId), n => Assert.NotEqual(CaseDataRemoval.Removed, n.Notes));
        Assert.Equal(Grade.Merit, await db.GradeDecisions.AsNoTracking().Where(g => g.CaseId == expired.CaseId).Select(g => g.FinalGrade).SingleAsync());

        // Audited: counts and file ids, never the content or the file names.
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == RetentionService.RetentionPurged && a.CaseId == expired.CaseId).Select(a => a.Details!).ToListAsync();
        Assert.NotEmpty(audit);
        var evidenceIds = keys.Where(k => k.CaseId == expired.CaseId).Select(k => k.Id.ToString()).ToList();
        Assert.Contains(audit, d => evidenceIds.All(id => d.Contains(id, StringComparison.OrdinalIgnoreCase)));
        Assert.All(keys.Where(k => k.CaseId == expired.CaseId), k => Assert.DoesNotContain(audit, d => d.Contains(k.OriginalFileName, StringComparison.Ordinal)));
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == RetentionService.RetentionPurged && a.CaseId != null && a.CaseId != expired.CaseId && cases.Contains(a.CaseId.Value)));

        // The chain still verifies: purged files keep their recorded hash, their bytes are not expected.
        var result = await scope.ServiceProvider.GetRequiredService<AuditTrailVerifier>().VerifyAsync(null, CancellationToken.None);
        Assert.True(result.IsIntact, string.Join(Environment.NewLine, result.Breaks.Select(b => b.Description)));
    }

    [Fact]
    public async Task AHoldPlacedAfterTheReport_KeepsTheCaseWhenTheReportIsCarriedOut()
    {
        using var factory = new PortalFactory();
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.CertificateRequested);
        factory.Clock.Advance(TimeSpan.FromDays((365 * 3) + 61));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var retention = scope.ServiceProvider.GetRequiredService<RetentionService>();
        var report = new RetentionReport(factory.Clock.GetUtcNow(), "Test admin");
        db.RetentionReports.Add(report);
        await db.SaveChangesAsync();
        await retention.BuildReportAsync(report.Id, CancellationToken.None);
        Assert.True(await db.RetentionReportItems.AnyAsync(i => i.ReportId == report.Id && i.CaseId == testCase.CaseId));

        db.LegalHolds.Add(new LegalHold(testCase.CaseId, "Placed after the dry run", "admin", "Admin", factory.Clock.GetUtcNow()));
        (await db.RetentionReports.SingleAsync(r => r.Id == report.Id)).Approve("Test admin", factory.Clock.GetUtcNow());
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await retention.CarryOutAsync(report.Id, CancellationToken.None);

        var outcomes = await db.RetentionReportItems.AsNoTracking().Where(i => i.ReportId == report.Id && i.CaseId == testCase.CaseId).Select(i => new { i.Outcome, i.Note }).ToListAsync();
        Assert.All(outcomes, o => Assert.Equal(RetentionItemOutcome.Skipped, o.Outcome));
        Assert.All(outcomes, o => Assert.Contains("legal hold", o.Note, StringComparison.Ordinal));
        Assert.Equal(0, await db.StoredFiles.CountAsync(f => f.CaseId == testCase.CaseId && f.PurgedAt != null));
    }
}
