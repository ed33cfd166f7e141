using System.Text.RegularExpressions;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Notifications;

/// <summary>No confidential content (notes, questions, judgements, reasons, grades, the brief) ever
/// goes into an e-mail, whatever the case holds.</summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Integration)]
public sealed partial class NotificationPrivacyTests : IDisposable
{
    private const string Secret = "CONFIDENTIAL-MARKER";

    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task NoMessage_ContainsAGradeOrAnyConfidentialText()
    {
        var caseId = await _portal.WithDbAsync(db => (from c in db.Cases join a in db.Apprentices on c.ApprenticeId equals a.Id where a.Email == Demo.Apprentice select c.Id).SingleAsync());
        var assessorId = await _portal.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Assessor).Select(u => u.Id).SingleAsync());
        await _portal.WithDbAsync(async db =>
        {
            // The case names the demo training provider too (issue 19), whose users hear of it at their steps.
            var pennine = await db.Organisations.Where(o => o.Name == Web.Data.Seed.DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Cases SET AssessorId = {assessorId}, ProviderOrganisationId = {pennine} WHERE Id = {caseId}");
            var now = _portal.Clock.GetUtcNow();
            var note = new AssessorNote(caseId, 1, assessorId, now) { Notes = Secret + " note: weak on testing" };
            note.SetConclusion("What", null, InitialLevel.Above, ["P1"], Secret + " conclusion");
            db.AssessorNotes.Add(note);
            db.InterviewQuestions.Add(new InterviewQuestion(caseId, 1, Secret + " question: explain your unit tests", QuestionOrigin.Planned, 1, []));
            var judgement = new Judgement(caseId, 1, assessorId, now);
            judgement.SetArea("What", AreaLevel.Above, Secret + " rationale");
            db.Judgements.Add(judgement);
            db.GradeDecisions.Add(new GradeDecision(caseId, 1, assessorId, Grade.Distinction, Grade.Distinction, Secret + " reasons: Distinction", now) { OverrideJustification = Secret + " override" });
            db.ProjectSubmissions.Add(new ProjectSubmission(caseId, 1, Secret + " brief title", Secret + " brief text", now.AddDays(2), now.AddDays(9)));
            db.Interviews.Add(new Interview(caseId, 1, now.AddDays(20), 60, InterviewMode.VideoCall, "https://meet.example.test/room", Guid.NewGuid()));
            var appeal = new Appeal(caseId, 1, assessorId, Secret + " grounds", now);
            appeal.Decide(AppealOutcome.Upheld, Secret + " decision reason", now);
            db.Appeals.Add(appeal);
            db.CaseMessages.Add(new Domain.Messaging.CaseMessage(caseId, assessorId, "Sam Assessor", "Assessor", Domain.Messaging.MessageTopic.Scheduling, Secret + " message: the grade will be a Distinction", now));
            await db.SaveChangesAsync();
        });

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            await notifier.PortfolioSubmittedAsync(caseId);
            await notifier.ReferenceRequestedAsync(caseId);
            await notifier.GatewayCoSignRequestedAsync(caseId);
            await notifier.ReferenceReminderAsync(caseId, _portal.Clock.GetUtcNow());
            await notifier.GatewaySubmittedAsync(caseId);
            await notifier.GatewayDecidedAsync(caseId, approved: false);
            await notifier.GatewayDecidedAsync(caseId, approved: true);
            await notifier.AssessorAllocatedAsync(caseId);
            await notifier.ProjectWindowOpeningAsync(caseId);
            await notifier.InterviewBookedAsync(caseId, isReschedule: false);
            await notifier.InterviewBookedAsync(caseId, isReschedule: true);
            await notifier.ReadyForQaAsync(caseId);
            await notifier.CaseReturnedByQaAsync(caseId);
            await notifier.GradeModeratedAsync(caseId);
            await notifier.CaseMessageAsync(caseId, assessorId, authorIsAdmin: false, scheduling: true);
            await notifier.ResultReleasedAsync(caseId);
            await notifier.ResultReleasedAsync(caseId, nextAttemptToAgree: true);
            await notifier.AppealReceivedAsync(caseId);
            await notifier.AppealDecidedAsync(caseId);
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        var messages = await _portal.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.Equal(Enum.GetValues<NotificationKind>().Except([NotificationKind.Invitation, NotificationKind.PasswordReset, NotificationKind.AccountEmail, NotificationKind.AccountSecurity]).Order(), messages.Select(m => m.Kind).Distinct().Order());
        Assert.Contains(messages, m => m.Kind == NotificationKind.ResultReleased && m.ToAddress == Demo.Apprentice);
        Assert.Contains(messages, m => m.Kind == NotificationKind.ResultReleased && m.ToAddress == Demo.Employer);
        Assert.Contains(messages, m => m.Kind == NotificationKind.ResultReleased && m.ToAddress == Demo.Provider);
        Assert.Contains(messages, m => m.Kind == NotificationKind.GatewayRejected && m.ToAddress == Demo.Provider);
        Assert.Equal(Demo.Provider, Assert.Single(messages, m => m.Kind == NotificationKind.NextAttemptToAgree).ToAddress);
        Assert.Equal(Demo.Provider, Assert.Single(messages, m => m.Kind == NotificationKind.GatewayCoSignRequested).ToAddress);
        Assert.All(messages, m =>
        {
            var everything = string.Join('\n', m.Subject, m.TextBody, m.HtmlBody, m.CalendarIcs);
            Assert.DoesNotContain(Secret, everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(GradeWord(), everything);
        });

        // And what actually leaves the portal (the .eml files of the File transport) holds none of it either.
        var dispatcher = _portal.Services.GetRequiredService<OutboxDispatcher>();
        while ((await dispatcher.DispatchDueAsync()).Claimed > 0)
        {
        }

        var files = Directory.GetFiles(Path.Combine(_portal.DataFolder, "mail"), "*.eml");
        Assert.Equal(messages.Count, files.Length);
        foreach (var file in files)
        {
            using var mime = await MimeKit.MimeMessage.LoadAsync(file);
            var text = mime.Subject + mime.TextBody + mime.HtmlBody;
            Assert.DoesNotContain(Secret, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(GradeWord(), text);
        }
    }

    [GeneratedRegex(@"\b(pass|passed|merit|distinction|fail|failed|referral)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GradeWord();
}
