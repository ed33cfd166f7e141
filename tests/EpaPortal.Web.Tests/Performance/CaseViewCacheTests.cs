using System.Net;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Tests.Admin;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// The admin's case page is kept between views (Features/Cases/CaseViewCache) and must never show data older
/// than the database's: a view of an unchanged case asks only for its change stamp, and any change to what
/// the page shows, made by this portal or by another instance on the same database, is on the next view.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Performance)]
public class CaseViewCacheTests(VolumePortalFactory factory) : IClassFixture<VolumePortalFactory>
{
    [Fact]
    public async Task CasePage_ShownAgain_AsksOnlyForTheStamp_AndAfterTheAdminsChange_LoadsAfresh()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var url = $"/admin/cases/{caseId}";

        var unchanged = await factory.ProbeAsync(admin, url);
        Assert.Equal(HttpStatusCode.OK, unchanged.Status);
        Assert.True(unchanged.PageCommands.Count == 1, unchanged.Describe());

        var hold = await admin.SubmitFormAsync($"{url}/hold", new Dictionary<string, string> { ["Input.Reason"] = "Kept-page check: malpractice review." });
        Assert.Equal(HttpStatusCode.Redirect, hold.StatusCode);

        // The first view after the change loads the case again (stamp, snapshot in three, audit trail), within the budget ...
        var loaded = await factory.ProbeOnceAsync(admin, url);
        Assert.True(loaded.PageCommands.Count == 5, loaded.Describe());
        Assert.True(loaded.PageCommands.Count <= BudgetPages.MaxCommands);
        Assert.Contains("Kept-page check: malpractice review.", loaded.Html, StringComparison.Ordinal);

        // ... and the views after it are kept again.
        var again = await factory.ProbeAsync(admin, url);
        Assert.True(again.PageCommands.Count == 1, again.Describe());
        Assert.Contains("Kept-page check: malpractice review.", again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseList_CountsByState_AreKeptUntilACaseIsAddedOrMoved()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var counted = await factory.ProbeAsync(admin, "/admin/cases");
        Assert.True(counted.PageCommands.Count == 2, counted.Describe()); // the case-states epoch and the page: the counts are kept
        var registered = await CountAsync(admin, CaseState.Registered);
        var gatewaySubmitted = await CountAsync(admin, CaseState.GatewaySubmitted);

        // A new case (registered through the workflow), then a move of it to another state: each is counted at once.
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.Registered);
        Assert.Equal(registered + 1, await CountAsync(admin, CaseState.Registered));
        await factory.WithDbAsync(async db =>
        {
            var epaCase = await db.Cases.SingleAsync(c => c.Id == caseId);
            db.Entry(epaCase).Property(c => c.State).CurrentValue = CaseState.GatewaySubmitted;
            await db.SaveChangesAsync();
        });
        Assert.Equal(registered, await CountAsync(admin, CaseState.Registered));
        Assert.Equal(gatewaySubmitted + 1, await CountAsync(admin, CaseState.GatewaySubmitted));

        // Other changes to a case leave the kept counts alone.
        var unchanged = await factory.ProbeAsync(admin, "/admin/cases");
        Assert.True(unchanged.PageCommands.Count == 2, unchanged.Describe());
    }

    /// <summary>The count the admin's case list shows for the state (its option in the state filter), checked against the database.</summary>
    private async Task<int> CountAsync(PortalClient admin, CaseState state)
    {
        var (_, page) = await admin.GetPageAsync("/admin/cases");
        var option = page.QuerySelector($"select#state option[value='{state}']")!.TextContent;
        var shown = int.Parse(option[(option.LastIndexOf('(') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.State == state)), shown);
        return shown;
    }

    public static TheoryData<string> Changes() => new() { "case row", "interview", "audit entry", "apprentice", "organisation", "assessor's name" };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task CasePage_ShowsAChangeMadeElsewhere_OnTheNextView(string change)
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.InterviewScheduled, assessorEmail: Demo.Assessor2);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var url = $"/admin/cases/{caseId}";
        var before = await factory.ProbeAsync(admin, url);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.True(before.PageCommands.Count == 1, before.Describe());

        // Another DbContext on the same database: what another instance (or a background job) would do.
        try
        {
            var expected = await factory.WithDbAsync(db => ChangeAsync(db, caseId, change));
            Assert.DoesNotContain(expected, before.Html, StringComparison.Ordinal);

            var (response, page) = await admin.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(expected, page.Body!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreOrganisationNameAsync(caseId);
        }
    }

    [Fact]
    public async Task ChangeStamps_MoveOnlyWithWhatTheCasePagesShow()
    {
        var first = await AdminTestData.CaseAsync(factory, CaseState.InterviewScheduled);
        var second = await AdminTestData.CaseAsync(factory, CaseState.InterviewScheduled);
        var initial = await StampsAsync(first, second);

        // A child of the case with no CaseId of its own (a note's conclusion): that case alone.
        var noteCase = await factory.WithDbAsync(async db =>
        {
            var note = await db.AssessorNotes.Include(n => n.Conclusions).FirstAsync(n => n.CaseId == first && n.Conclusions.Count > 0);
            db.Entry(note.Conclusions[0]).Property(c => c.Comment).CurrentValue = "A changed conclusion.";
            await db.SaveChangesAsync();
            return note.CaseId;
        });
        Assert.Equal(first, noteCase);
        var afterNote = await StampsAsync(first, second);
        Assert.NotEqual(initial.First, afterNote.First);
        Assert.Equal(initial.Second, afterNote.Second);
        Assert.Equal(initial.Epoch, afterNote.Epoch);

        // A sign-in session: nothing.
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.Email == Demo.Admin).Select(u => u.Id).SingleAsync();
            db.UserSessions.Add(new UserSession { Key = Guid.NewGuid().ToString("N"), UserId = user, Ticket = [1], CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        Assert.Equal(afterNote, await StampsAsync(first, second));

        // An organisation, shared by many cases: the epoch, so every kept case page is loaded again.
        await factory.WithDbAsync(db => ChangeAsync(db, second, "organisation"));
        var afterOrganisation = await StampsAsync(first, second);
        await RestoreOrganisationNameAsync(second);
        Assert.NotEqual(afterNote.Epoch, afterOrganisation.Epoch);
        Assert.Equal(afterNote.First, afterOrganisation.First);
    }

    /// <summary>Makes one kind of change the admin's case page shows; returns the text the page must then contain.</summary>
    private static async Task<string> ChangeAsync(PortalDbContext db, int caseId, string change)
    {
        var epaCase = await db.Cases.Include(c => c.Apprentice).ThenInclude(a => a!.Organisation).SingleAsync(c => c.Id == caseId);
        var text = $"Changed {Guid.NewGuid():N}"[..18];
        switch (change)
        {
            case "case row":
                db.Entry(epaCase).Property(c => c.IsOnHold).CurrentValue = true;
                db.Entry(epaCase).Property(c => c.HoldReason).CurrentValue = text;
                break;
            case "interview":
                var interview = await db.Interviews.SingleAsync(i => i.CaseId == caseId && i.Attempt == epaCase.Attempt);
                var moved = interview.StartsAt.AddDays(3).AddMinutes(17);
                db.Entry(interview).Property(i => i.StartsAt).CurrentValue = moved;
                text = UkTime.DateTime(moved);
                break;
            case "audit entry":
                db.AuditEntries.Add(new AuditEntry(DateTimeOffset.UtcNow, "system", "System", "CacheCheck", caseId, null, null, text, null));
                break;
            case "apprentice":
                db.Entry(epaCase.Apprentice!).Property(a => a.FamilyName).CurrentValue = text;
                break;
            case "organisation":
                db.Entry(epaCase.Apprentice!.Organisation!).Property(o => o.Name).CurrentValue = text;
                break;
            case "assessor's name":
                var assessor = await db.Users.SingleAsync(u => u.Id == epaCase.AssessorId);
                assessor.DisplayName = text;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "No such change.");
        }

        await db.SaveChangesAsync();
        return text;
    }

    /// <summary>The demo organisations are found by name by the other tests: the renamed one gets its name back.</summary>
    private Task RestoreOrganisationNameAsync(int caseId) =>
        factory.WithDbAsync(async db =>
        {
            var organisation = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Apprentice!.Organisation!).SingleAsync();
            organisation.Name = DemoDataSeeder.Acme;
            await db.SaveChangesAsync();
        });

    private Task<(Guid First, Guid Second, Guid Epoch)> StampsAsync(int first, int second) =>
        factory.WithDbAsync(async db =>
        {
            var stamps = await db.Cases.AsNoTracking().Where(c => c.Id == first || c.Id == second)
                .Select(c => new { c.Id, Stamp = EF.Property<Guid>(c, ChangeStamps.CaseStamp) }).ToDictionaryAsync(c => c.Id, c => c.Stamp);
            var epoch = await db.DataEpochs.AsNoTracking().Where(e => e.Id == DataEpoch.SharedData).Select(e => e.Value).SingleAsync();
            return (stamps[first], stamps[second], epoch);
        });
}
