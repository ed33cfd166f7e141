using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// The audit log is append-only: the DbContext refuses to save a changed or deleted entry, and the database
/// (the append-only triggers of the InitialCreate migration) refuses UPDATE and DELETE that bypass the change tracker,
/// every state change of a case is in it as an unbroken chain, and every read of the confidential assessor
/// notes is in it with who read them.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Integration)]
public class AuditTrailTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AnAuditEntry_CannotBeChangedThroughTheDbContext()
    {
        var id = await AddEntryAsync("original details");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == id);
            db.Entry(entry).Property(a => a.Details).CurrentValue = "rewritten history";
            await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", error.GetBaseException().Message, StringComparison.Ordinal);
        Assert.Equal("original details", await DetailsAsync(id));
    }

    [Fact]
    public async Task AnAuditEntry_CannotBeDeletedThroughTheDbContext()
    {
        var id = await AddEntryAsync("to be kept");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", error.GetBaseException().Message, StringComparison.Ordinal);
        Assert.Equal("to be kept", await DetailsAsync(id));
    }

    [Fact]
    public async Task BulkUpdatesAndDeletes_OfTheAuditLog_AreRefusedToo()
    {
        var id = await AddEntryAsync("bulk target");

        var update = await Assert.ThrowsAnyAsync<Exception>(() => factory.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorName, "someone else"))));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => factory.WithDbAsync(db => db.AuditEntries.ExecuteDeleteAsync()));
        var sql = await Assert.ThrowsAnyAsync<Exception>(() => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries")));

        Assert.All(new[] { update, delete, sql }, e => Assert.Contains("append-only", e.GetBaseException().Message, StringComparison.Ordinal));
        Assert.Equal("bulk target", await DetailsAsync(id));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.CountAsync()) > 1);
    }

    [Fact]
    public async Task EveryStateChange_OfACaseWalkedThroughTheWorkflow_IsAnUnbrokenChainInTheAuditLog()
    {
        // From registration to the completed interview through the real workflow, then the people's own pages.
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        var caseId = testCase.CaseId;
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        using var admin = await factory.SignInAsync(Demo.Admin);

        await StepAsync(caseId, CaseState.Graded, async () =>
        {
            var form = await AssessorJourney.JudgementFormAsync(assessor, caseId, AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, "Rationale for the audit walk");
            form.Set("Submit", "true");
            return await form.PostAsync(assessor);
        });
        await StepAsync(caseId, CaseState.IqaApproved, () => qa.SubmitFormAsync($"/quality/cases/{caseId}", new Dictionary<string, string>(), "#approve-form"));
        // A hold is not a state of its own, but it changes the case: it is audited too, as is the resume.
        await AuditedAsync(caseId, "Audit walk: a query from the employer.", () => admin.SubmitFormAsync($"/admin/cases/{caseId}/hold", new Dictionary<string, string> { ["Input.Reason"] = "Audit walk: a query from the employer." }));
        Assert.True(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.IsOnHold).SingleAsync()));
        await AuditedAsync(caseId, "Audit walk: query answered.", () => admin.SubmitFormAsync($"/admin/cases/{caseId}/resume", new Dictionary<string, string> { ["Input.Reason"] = "Audit walk: query answered." }));
        Assert.False(await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.IsOnHold).SingleAsync()));
        await StepAsync(caseId, CaseState.ResultReleased, () => admin.PostWithTokenAsync("/admin/results", "/admin/results/release", [new("CaseIds", caseId.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        using var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail);
        await StepAsync(caseId, CaseState.AppealLodged, () => apprentice.SubmitFormAsync("/apprentice/appeal", new Dictionary<string, string> { ["Lodge.Grounds"] = "The interview was cut short by a connection failure." }, "#appeal-form"));

        var (changes, state) = await factory.WithDbAsync(async db => (
            await db.AuditEntries.AsNoTracking().Where(a => a.CaseId == caseId && a.Action == "StateChanged").OrderBy(a => a.Id).ToListAsync(),
            await db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync()));

        // Each change starts where the one before ended: a change without its audit entry would break the chain.
        Assert.True(changes.Count >= 8, $"Only {changes.Count} audited state changes.");
        for (var i = 1; i < changes.Count; i++)
        {
            Assert.True(changes[i].FromState == changes[i - 1].ToState, $"Audit entry {i} goes {changes[i].FromState} → {changes[i].ToState}, but the one before ended at {changes[i - 1].ToState}.");
        }

        Assert.Equal(state.ToString(), changes[^1].ToState);
        Assert.All(changes, c => Assert.False(string.IsNullOrEmpty(c.ActorId)));
    }

    [Fact]
    public async Task EveryReadOfTheConfidentialNotes_IsAudited_WithWhoReadThem()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.Graded);
        var caseId = testCase.CaseId;
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        using var admin = await factory.SignInAsync(Demo.Admin);

        await ReadAsync(caseId, assessor, Demo.Assessor, $"/assessor/cases/{caseId}/notes", NotesService.NotesRead);
        await ReadAsync(caseId, assessor, Demo.Assessor, $"/assessor/cases/{caseId}/interview", NotesService.NotesRead);
        await ReadAsync(caseId, assessor, Demo.Assessor, $"/assessor/cases/{caseId}/judgement", NotesService.NotesRead);
        await ReadAsync(caseId, qa, Demo.QualityAssurer, $"/assessor/cases/{caseId}/notes", NotesService.NotesRead);
        await ReadAsync(caseId, qa, Demo.QualityAssurer, $"/quality/cases/{caseId}", "QaCaseRead");
        await ReadAsync(caseId, admin, Demo.Admin, $"/assessor/cases/{caseId}/notes", NotesService.NotesRead);

        // Reading twice is two entries: every read counts.
        await ReadAsync(caseId, qa, Demo.QualityAssurer, $"/quality/cases/{caseId}", "QaCaseRead");
    }

    private async Task ReadAsync(int caseId, PortalClient client, string email, string url, string action)
    {
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var before = await CountAsync(caseId, userId, action);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, await CountAsync(caseId, userId, action));
    }

    private Task<int> CountAsync(int caseId, string userId, string action) =>
        factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId == caseId && a.ActorId == userId && a.Action == action));

    private async Task AuditedAsync(int caseId, string reason, Func<Task<HttpResponseMessage>> act)
    {
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId == caseId));

        var response = await act();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var added = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.Id).Skip(before).ToListAsync());
        var entry = Assert.Single(added);
        Assert.Contains(reason, entry.Reason + " " + entry.Details, StringComparison.Ordinal);
    }

    private async Task StepAsync(int caseId, CaseState expected, Func<Task<HttpResponseMessage>> act)
    {
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId == caseId && a.Action == "StateChanged"));

        var response = await act();

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
        var (after, last, state) = await factory.WithDbAsync(async db => (
            await db.AuditEntries.CountAsync(a => a.CaseId == caseId && a.Action == "StateChanged"),
            await db.AuditEntries.AsNoTracking().Where(a => a.CaseId == caseId && a.Action == "StateChanged").OrderByDescending(a => a.Id).FirstAsync(),
            await db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync()));
        Assert.Equal(expected, state);
        Assert.Equal(before + 1, after);
        Assert.Equal(expected.ToString(), last.ToState);
    }

    private Task<long> AddEntryAsync(string details) =>
        factory.WithDbAsync(async db =>
        {
            var entry = new AuditEntry(factory.Clock.GetUtcNow(), "test", "Audit test", "TestEntry", null, null, null, null, details);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });

    private Task<string?> DetailsAsync(long id) =>
        factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == id).Select(a => a.Details).SingleAsync());
}
