using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Project;

[Trait(Category.Name, Category.Integration)]
public class ProjectTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string BriefText = "Build a small service that imports the timesheet CSV and reports overtime per team.";

    [Fact]
    public async Task BeforeTheWindowOpens_TheBriefIsHidden_AndUploadsAreRefused()
    {
        var (email, caseId) = await ApprenticeWithProjectAsync(opensIn: TimeSpan.FromDays(2));
        using var client = await factory.SignInAsync(email);

        var (_, page) = await client.GetPageAsync("/apprentice/project");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain(BriefText, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Timesheet importer", text, StringComparison.Ordinal);
        Assert.Contains("Your project brief will appear here when your window opens", text, StringComparison.Ordinal);

        var outcome = Assert.Single((await UploadAsync(client, new UploadFile("early.zip", Files.SourceZip()))).Files);
        Assert.False(outcome.Accepted);
        Assert.Contains("arrived before your project window opens", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, await DeliverablesAsync(caseId));
    }

    [Fact]
    public async Task DuringTheWindow_TheBriefAndTimeLeftShow_AndUploadsAreAccepted()
    {
        var (email, caseId) = await ApprenticeWithProjectAsync(opensIn: TimeSpan.FromHours(-3), length: TimeSpan.FromDays(2));
        using var client = await factory.SignInAsync(email);

        var result = await UploadAsync(client, new UploadFile("service.zip", Files.SourceZip()), new UploadFile("design.pdf", Files.Pdf()), new UploadFile("virus.pdf", Files.Exe()));

        Assert.True(result.Files[0].Accepted, result.Files[0].Message);
        Assert.True(result.Files[1].Accepted, result.Files[1].Message);
        Assert.False(result.Files[2].Accepted);
        var (_, page) = await client.GetPageAsync("/apprentice/project");
        Assert.Contains(BriefText, page.QuerySelector(".project-brief")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 day 21 hours", page.QuerySelector("#time-left")!.TextContent);
        Assert.Equal(["service.zip", "design.pdf"], page.QuerySelectorAll(".project-deliverables a:not(.file-preview)").Select(a => a.TextContent).ToArray());
        Assert.Equal(2, await DeliverablesAsync(caseId));
    }

    [Fact]
    public async Task AfterTheWindowCloses_UploadsAreRefusedWithAMessage_UnlessAnAdminGrantedAnExtension()
    {
        var (email, caseId) = await ApprenticeWithProjectAsync(opensIn: TimeSpan.FromDays(-6), length: TimeSpan.FromDays(5));
        using var client = await factory.SignInAsync(email);

        var late = Assert.Single((await UploadAsync(client, new UploadFile("late.pdf", Files.Pdf()))).Files);
        Assert.False(late.Accepted);
        Assert.Contains("arrived after your project window closed", late.Message, StringComparison.Ordinal);
        var (_, page) = await client.GetPageAsync("/apprentice/project");
        Assert.Contains("Uploads are no longer accepted", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("form#evidence-upload"));

        await factory.WithDbAsync(async db =>
        {
            var admin = await db.Users.SingleAsync(u => u.Email == Demo.Admin);
            var project = await db.ProjectSubmissions.SingleAsync(p => p.CaseId == caseId);
            project.GrantExtension(factory.Clock.GetUtcNow().AddDays(1), "Hospital stay during the project week", admin.Id);
            await db.SaveChangesAsync();
        });

        var extended = Assert.Single((await UploadAsync(client, new UploadFile("late.pdf", Files.Pdf()))).Files);
        Assert.True(extended.Accepted, extended.Message);
        Assert.Equal(1, await DeliverablesAsync(caseId));
    }

    [Fact]
    public async Task Submit_WithSummaryAndDeliverables_MovesTheCase_AndLocksTheProject()
    {
        var (email, caseId) = await ApprenticeWithProjectAsync(opensIn: TimeSpan.FromHours(-1), state: CaseState.ProjectScheduled);
        using var client = await factory.SignInAsync(email);
        Assert.True((await UploadAsync(client, new UploadFile("code.zip", Files.SourceZip()))).Files[0].Accepted);

        var noSummary = await client.PostWithTokenAsync("/apprentice/project", "/apprentice/project/submit", []);
        Assert.Equal(HttpStatusCode.Redirect, noSummary.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.ProjectSubmissions.Where(p => p.CaseId == caseId).Select(p => p.SubmittedAt).SingleAsync()));

        var saved = await client.SubmitFormAsync("/apprentice/project", new Dictionary<string, string> { ["Summary.Text"] = "A console app with tests; CSV parsing isolated." }, "form[action='/apprentice/project/summary']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var submitted = await client.PostWithTokenAsync("/apprentice/project", "/apprentice/project/submit", []);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        var (epaCase, project) = await factory.WithDbAsync(async db => (await db.Cases.SingleAsync(c => c.Id == caseId), await db.ProjectSubmissions.SingleAsync(p => p.CaseId == caseId)));
        Assert.Equal(CaseState.ProjectSubmitted, epaCase.State);
        Assert.NotNull(project.SubmittedAt);
        Assert.Equal("A console app with tests; CSV parsing isolated.", project.Summary);
        var transitions = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.CaseId == caseId && a.Action == "StateChanged").Select(a => a.ToState).ToListAsync());
        Assert.Equal(["ProjectInProgress", "ProjectSubmitted"], transitions);

        var after = Assert.Single((await UploadAsync(client, new UploadFile("more.pdf", Files.Pdf()))).Files);
        Assert.False(after.Accepted);
        Assert.Contains("arrived after your project was submitted", after.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliverables_AreDownloadableByTheEmployer_ButNotByAnotherApprentice()
    {
        var (email, caseId) = await ApprenticeWithProjectAsync(opensIn: TimeSpan.FromHours(-1));
        using var client = await factory.SignInAsync(email);
        Assert.True((await UploadAsync(client, new UploadFile("notes.md", Files.Text("# Notes")))).Files[0].Accepted);
        var fileId = await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.CaseId == caseId && f.Purpose == FilePurpose.ProjectDeliverable).Select(f => f.Id).SingleAsync());

        using var employer = await factory.SignInAsync(Demo.Employer);
        using var other = await factory.SignInAsync(Demo.Apprentice2);
        using var otherEmployer = await factory.SignInAsync(Demo.OtherEmployer);

        Assert.Equal("# Notes", await (await employer.GetAsync($"/evidence/files/{fileId}")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/evidence/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherEmployer.GetAsync($"/evidence/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostWithTokenAsync("/apprentice/project", $"/apprentice/project/deliverables/{fileId}/remove", [])).StatusCode);
        Assert.Equal(1, await DeliverablesAsync(caseId));
    }

    [Fact]
    public async Task ADeliverableCanBeRemovedWhileTheWindowIsOpen()
    {
        var (email, caseId) = await ApprenticeWithProjectAsync(opensIn: TimeSpan.FromHours(-1));
        using var client = await factory.SignInAsync(email);
        Assert.True((await UploadAsync(client, new UploadFile("wrong.pdf", Files.Pdf()))).Files[0].Accepted);
        var file = await factory.WithDbAsync(db => db.StoredFiles.SingleAsync(f => f.CaseId == caseId));

        var removed = await client.PostWithTokenAsync("/apprentice/project", $"/apprentice/project/deliverables/{file.Id}/remove", []);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await DeliverablesAsync(caseId));
        Assert.False(File.Exists(Path.Combine(TestApprentices.EvidenceRoot(factory), file.StorageKey[..2], file.StorageKey)));
    }

    private async Task<(string Email, int CaseId)> ApprenticeWithProjectAsync(TimeSpan opensIn, TimeSpan? length = null, CaseState state = CaseState.ProjectInProgress)
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        await TestApprentices.SetStateAsync(factory, caseId, state);
        var opens = factory.Clock.GetUtcNow() + opensIn;
        await factory.WithDbAsync(async db =>
        {
            db.ProjectSubmissions.Add(new ProjectSubmission(caseId, 1, "Timesheet importer", BriefText, opens, opens + (length ?? TimeSpan.FromDays(7))));
            await db.SaveChangesAsync();
        });
        return (email, caseId);
    }

    private static async Task<UploadJson> UploadAsync(PortalClient client, params UploadFile[] files) =>
        await Uploads.ReadAsync(await Uploads.PostAsync(client, "/apprentice/project/upload", files, fields: new Dictionary<string, string>()));

    private Task<int> DeliverablesAsync(int caseId) =>
        factory.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.CaseId == caseId && f.Purpose == FilePurpose.ProjectDeliverable));
}
