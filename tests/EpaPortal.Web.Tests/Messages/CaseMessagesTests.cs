using System.Net;
using System.Text.Json;
using EpaPortal.Domain.Messaging;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Messages;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Features.Records;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Messages;

/// <summary>
/// Case messages (issue 25, item 5; ADR 0031) over the real pipeline: the demo apprentice's case, with the demo assessor
/// allocated and the demo training provider named. Who reads and writes what, the header's count, the read marker, the
/// audit entry, the content-free e-mails, bad input kept, and the subject access export.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public sealed class CaseMessagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ApprenticePosts_EmployerSeesItAndTheCount_MarksItRead_AdminReplies_Audited_AndTheEmailsCarryNoContent()
    {
        var caseId = await PrepareCaseAsync();
        var words = "APPRENTICE-" + Guid.NewGuid().ToString("N") + ": can I add a second piece of evidence about testing?";
        using var apprentice = await factory.SignInAsync(Demo.Apprentice);
        using var employer = await factory.SignInAsync(Demo.Employer);
        await MarkAllReadAsync(employer, caseId);
        var before = await UnreadAsync(employer);
        var mailBefore = await MailCountAsync(caseId);

        // The apprentice's dashboard leads to the messages; they write one.
        var (_, dashboard) = await apprentice.GetPageAsync("/apprentice");
        Assert.Equal($"/cases/{caseId}/messages", dashboard.QuerySelector("#case-messages")!.GetAttribute("href"));
        var sent = await apprentice.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Topic"] = "General", ["Send.Body"] = words }, "#message-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        // The employer's header count and Messages page show it; the thread shows it as new.
        Assert.Equal(before + 1, await UnreadAsync(employer));
        var (_, inbox) = await employer.GetPageAsync("/messages");
        Assert.NotNull(inbox.QuerySelector($"#inbox a[href='/cases/{caseId}/messages']"));
        var (_, employerCase) = await employer.GetPageAsync($"/employer/cases/{caseId}");
        Assert.Equal($"/cases/{caseId}/messages", employerCase.QuerySelector("#case-messages")!.GetAttribute("href"));
        var (response, thread) = await employer.GetPageAsync($"/cases/{caseId}/messages");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = thread.QuerySelector("#thread li")!;
        Assert.Contains(words, first.TextContent, StringComparison.Ordinal);
        Assert.Contains("(Apprentice)", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("New", first.TextContent, StringComparison.Ordinal);

        // Reading the page writes nothing (a GET never does); the marker moves when the page posts it.
        Assert.Equal(before + 1, await UnreadAsync(employer));
        var read = await employer.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string>(), "#mark-read-form");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.Equal(before, await UnreadAsync(employer));

        // The admin replies; the apprentice reads the reply.
        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, adminCase) = await admin.GetPageAsync($"/admin/cases/{caseId}");
        Assert.NotNull(adminCase.QuerySelector("#case-messages"));
        var reply = "ADMIN-" + Guid.NewGuid().ToString("N") + ": yes, before you submit the gateway.";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Body"] = reply }, "#message-form")).StatusCode);
        var (_, apprenticeThread) = await apprentice.GetPageAsync($"/cases/{caseId}/messages");
        Assert.Contains(reply, apprenticeThread.QuerySelector("#thread li")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(Assessment organisation)", apprenticeThread.QuerySelector("#thread li")!.TextContent, StringComparison.Ordinal);
        Assert.True(await UnreadAsync(apprentice) >= 1);

        // Each send is audited (topic and length, not the words).
        var audits = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CaseId == caseId && a.Action == MessagesService.MessageSent).ToListAsync());
        Assert.True(audits.Count >= 2);
        Assert.Contains(audits, a => a.Details!.StartsWith("General message sent (", StringComparison.Ordinal));
        Assert.DoesNotContain(audits, a => (a.Details ?? string.Empty).Contains("APPRENTICE-", StringComparison.Ordinal) || (a.Details ?? string.Empty).Contains("ADMIN-", StringComparison.Ordinal));

        // E-mails: the others on the case, never the author, never the assessor for a general message, never a word of it.
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == caseId && m.Kind == NotificationKind.CaseMessage).OrderBy(m => m.Id).Skip(mailBefore).ToListAsync());
        Assert.Contains(mail, m => m.ToAddress == Demo.Employer);
        Assert.Contains(mail, m => m.ToAddress == Demo.Provider);
        Assert.Contains(mail, m => m.ToAddress == Demo.Admin);
        Assert.Contains(mail, m => m.ToAddress == Demo.Apprentice);
        Assert.DoesNotContain(mail, m => m.ToAddress == Demo.Assessor);
        Assert.Equal(1, mail.Count(m => m.ToAddress == Demo.Apprentice));
        Assert.Equal(1, mail.Count(m => m.ToAddress == Demo.Admin));
        foreach (var message in mail)
        {
            var everything = string.Join('\n', message.Subject, message.TextBody, message.HtmlBody);
            Assert.DoesNotContain("APPRENTICE-", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("ADMIN-", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("evidence about testing", everything, StringComparison.Ordinal);
            Assert.Contains("new message", everything, StringComparison.Ordinal);
            Assert.Contains($"/cases/{caseId}/messages", everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PeopleOfAnotherCase_GetNotFound_AndTheQualityAssurerIsForbidden_OnTheThreadAndItsForms()
    {
        var caseId = await PrepareCaseAsync();
        var count = await factory.WithDbAsync(db => db.CaseMessages.CountAsync());
        foreach (var (email, status) in new[] { (Demo.OtherEmployer, HttpStatusCode.NotFound), (Demo.OtherOrgApprentice, HttpStatusCode.NotFound), (Demo.Apprentice2, HttpStatusCode.NotFound), (Demo.Assessor2, HttpStatusCode.NotFound), (Demo.QualityAssurer, HttpStatusCode.Forbidden) })
        {
            using var client = await factory.SignInAsync(email);
            Assert.Equal(status, (await client.GetAsync($"/cases/{caseId}/messages")).StatusCode);
            foreach (var url in new[] { $"/cases/{caseId}/messages", $"/cases/{caseId}/messages/read" })
            {
                var posted = await client.PostWithTokenAsync("/messages", url, [new("Send.Topic", "General"), new("Send.Body", "Let me in"), new("upTo", "999999")]);
                Assert.True(status == posted.StatusCode, $"{email} POST {url}: {(int)posted.StatusCode}");
            }

            Assert.Equal(0, await UnreadAsync(client));
        }

        Assert.Equal(count, await factory.WithDbAsync(db => db.CaseMessages.CountAsync()));
    }

    [Fact]
    public async Task TheAllocatedAssessor_ReadsAndSendsSchedulingMessagesOnly()
    {
        var caseId = await PrepareCaseAsync();
        using var employer = await factory.SignInAsync(Demo.Employer);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await MarkAllReadAsync(assessor, caseId);
        var before = await UnreadAsync(assessor);
        var general = "GENERAL-" + Guid.NewGuid().ToString("N");
        var scheduling = "SCHEDULING-" + Guid.NewGuid().ToString("N");
        await employer.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Topic"] = "General", ["Send.Body"] = general + " about the apprentice's workload" }, "#message-form");
        await employer.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Topic"] = "Scheduling", ["Send.Body"] = scheduling + " please avoid the week of the 14th" }, "#message-form");

        Assert.Equal(before + 1, await UnreadAsync(assessor));
        var (_, review) = await assessor.GetPageAsync($"/assessor/cases/{caseId}");
        Assert.Equal($"/cases/{caseId}/messages", review.QuerySelector("#case-messages")!.GetAttribute("href"));
        var (response, thread) = await assessor.GetPageAsync($"/cases/{caseId}/messages");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = thread.QuerySelector("#thread")!.TextContent;
        Assert.Contains(scheduling, text, StringComparison.Ordinal);
        Assert.DoesNotContain(general, text, StringComparison.Ordinal);
        Assert.Null(thread.QuerySelector("#topic-general"));
        Assert.Equal("Scheduling", thread.QuerySelector("#message-form input[name='Send.Topic']")!.GetAttribute("value"));

        // A general message from the assessor is refused (403) and nothing is saved; a scheduling one is sent.
        var count = await factory.WithDbAsync(db => db.CaseMessages.CountAsync(m => m.CaseId == caseId));
        var refused = await assessor.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Topic"] = "General", ["Send.Body"] = "About the grade" }, "#message-form");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(count, await factory.WithDbAsync(db => db.CaseMessages.CountAsync(m => m.CaseId == caseId)));
        var reply = "ASSESSOR-" + Guid.NewGuid().ToString("N") + ": I will offer dates from the 21st.";
        Assert.Equal(HttpStatusCode.Redirect, (await assessor.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Body"] = reply }, "#message-form")).StatusCode);
        var saved = await factory.WithDbAsync(db => db.CaseMessages.AsNoTracking().SingleAsync(m => m.Body == reply));
        Assert.Equal((MessageTopic.Scheduling, "Assessor"), (saved.Topic, saved.AuthorRole));

        // The employer sees it, marked as about arranging the assessment.
        var (_, employerThread) = await employer.GetPageAsync($"/cases/{caseId}/messages");
        var first = employerThread.QuerySelector("#thread li")!.TextContent;
        Assert.Contains(reply, first, StringComparison.Ordinal);
        Assert.Contains("Arranging the assessment", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAClearMessage_AndWhatWasTypedIsKept()
    {
        var caseId = await PrepareCaseAsync();
        using var employer = await factory.SignInAsync(Demo.Employer);
        var count = await factory.WithDbAsync(db => db.CaseMessages.CountAsync(m => m.CaseId == caseId));

        var empty = await employer.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Body"] = "   " }, "#message-form");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyPage = await PortalClient.ParseAsync(empty);
        Assert.Contains("Enter your message.", emptyPage.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        var tooLong = "KEEP-ME " + new string('x', CaseMessage.MaxBodyLength);
        var longResponse = await employer.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Topic"] = "Scheduling", ["Send.Body"] = tooLong }, "#message-form");
        Assert.Equal(HttpStatusCode.OK, longResponse.StatusCode);
        var longPage = await PortalClient.ParseAsync(longResponse);
        Assert.Contains("Keep your message to 4,000 characters", longPage.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(tooLong, longPage.QuerySelector("textarea[name='Send.Body']")!.TextContent);
        Assert.NotNull(longPage.QuerySelector("#topic-scheduling[checked]"));

        Assert.Equal(count, await factory.WithDbAsync(db => db.CaseMessages.CountAsync(m => m.CaseId == caseId)));
    }

    [Fact]
    public async Task TheSubjectAccessExport_HoldsEveryMessageOfTheApprenticesCase_AndWhatAnotherPersonWrote()
    {
        var caseId = await PrepareCaseAsync();
        using var employer = await factory.SignInAsync(Demo.Employer);
        var words = "EXPORT-" + Guid.NewGuid().ToString("N");
        await employer.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string> { ["Send.Topic"] = "General", ["Send.Body"] = words }, "#message-form");
        var (apprenticeUser, apprenticeId, employerUser) = await factory.WithDbAsync(async db => (
            await db.Users.Where(u => u.Email == Demo.Apprentice).Select(u => u.Id).SingleAsync(),
            await db.Apprentices.Where(a => a.Email == Demo.Apprentice).Select(a => a.Id).SingleAsync(),
            await db.Users.Where(u => u.Email == Demo.Employer).Select(u => u.Id).SingleAsync()));

        // The apprentice: every message of their case, the employer's included.
        var forApprentice = await ExportAsync(new SubjectProfile(apprenticeUser, apprenticeId, "Apprentice", Demo.Apprentice, null, null, [], Demo.Apprentice, [caseId]));
        Assert.Contains(forApprentice, m => m.GetProperty("text").GetString() == words && m.GetProperty("role").GetString() == "Employer");

        // The employer: what they wrote, as theirs.
        var forEmployer = await ExportAsync(new SubjectProfile(employerUser, null, "Employer", Demo.Employer, null, null, [], null, []));
        Assert.Contains(forEmployer, m => m.GetProperty("text").GetString() == words && m.GetProperty("writtenBy").GetString() == "you");
        Assert.DoesNotContain(forEmployer, m => m.GetProperty("writtenBy").GetString() != "you");
    }

    private async Task<List<JsonElement>> ExportAsync(SubjectProfile subject)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var context = new SubjectExportContext(db, subject, factory.Clock.GetUtcNow());
        var node = await new CaseMessagesExporter().ExportAsync(context, CancellationToken.None);
        return JsonDocument.Parse(node!.ToJsonString()).RootElement.EnumerateArray().ToList();
    }

    /// <summary>The demo apprentice's case, with the demo assessor allocated and the demo training provider named.</summary>
    private async Task<int> PrepareCaseAsync() =>
        await factory.WithDbAsync(async db =>
        {
            var caseId = await (from c in db.Cases join a in db.Apprentices on c.ApprenticeId equals a.Id where a.Email == Demo.Apprentice select c.Id).SingleAsync();
            var assessorId = await db.Users.Where(u => u.Email == Demo.Assessor).Select(u => u.Id).SingleAsync();
            var pennine = await db.Organisations.Where(o => o.Name == DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Cases SET AssessorId = {assessorId}, ProviderOrganisationId = {pennine} WHERE Id = {caseId}");
            return caseId;
        });

    private static async Task<int> UnreadAsync(PortalClient client)
    {
        var response = await client.GetAsync("/messages/unread");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("unread").GetInt32();
    }

    private static async Task MarkAllReadAsync(PortalClient client, int caseId)
    {
        var (_, page) = await client.GetPageAsync($"/cases/{caseId}/messages");
        if (page.QuerySelector("#mark-read-form") is not null)
        {
            await client.SubmitFormAsync($"/cases/{caseId}/messages", new Dictionary<string, string>(), "#mark-read-form");
        }
    }

    private Task<int> MailCountAsync(int caseId) =>
        factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == caseId && m.Kind == NotificationKind.CaseMessage));
}
