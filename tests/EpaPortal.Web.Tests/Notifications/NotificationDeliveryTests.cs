using System.Net;
using System.Text.RegularExpressions;
using EpaPortal.Domain.Assessment;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Ical.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static EpaPortal.Web.Tests.Notifications.SmtpPortalFactory;

namespace EpaPortal.Web.Tests.Notifications;

/// <summary>Notifications sent through a real SMTP server on 127.0.0.1 and read back from it.</summary>
[Trait(Category.Name, Category.Integration)]
public sealed partial class NotificationDeliveryTests(SmtpFixture fixture) : IClassFixture<SmtpFixture>, IAsyncLifetime
{
    private SmtpPortalFactory Portal => fixture.Portal;

    private TestSmtpServer Smtp => fixture.Smtp;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PortfolioSubmitted_ReachesTheEmployerOfTheApprenticesOrganisationOnly()
    {
        var caseId = await Portal.CaseIdOfAsync(Demo.Apprentice);

        await Portal.NotifyAsync(n => n.PortfolioSubmittedAsync(caseId));
        var result = await Portal.DispatchAsync();

        Assert.Equal(new DispatchResult(1, 1, 0), result);
        var message = Assert.Single(Smtp.Received);
        Assert.Equal(Demo.Employer, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("epa@portal.example.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Action needed: confirm Amira Khan's portfolio", message.Subject);
        var link = $"{BaseUrl}/cases/{caseId}/portfolio";
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear Erin Employer,", message.TextBody, StringComparison.Ordinal);

        var row = Assert.Single(await Portal.OutboxAsync(), m => m.Kind == NotificationKind.PortfolioSubmitted && m.CaseId == caseId);
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Null(row.ClaimedBy);
        Assert.Equal($"<{row.MessageId:N}@portal.example.test>", "<" + message.MessageId + ">");
    }

    [Fact]
    public async Task Notifier_OnlyAddsToTheCallersContext_SoNothingIsQueuedWithoutItsSave()
    {
        var caseId = await Portal.CaseIdOfAsync(Demo.Apprentice2);
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Notifier>().ResultReleasedAsync(caseId);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.ToAddress).ToList();
            Assert.Equal([Demo.Apprentice2, Demo.Employer], added.Order(StringComparer.Ordinal).ToList());

            // The feature's change failed: it never saves.
        }

        Assert.DoesNotContain(await Portal.OutboxAsync(), m => m.Kind == NotificationKind.ResultReleased && m.CaseId == caseId);
        Assert.Equal(0, (await Portal.DispatchAsync()).Claimed);
    }

    [Fact]
    public async Task InterviewBooked_AttachesAnIcsInLondonTime_AndTheRescheduleUpdatesTheSameEvent()
    {
        var caseId = await Portal.CaseIdOfAsync(Demo.Apprentice2);
        await Portal.AllocateAssessorAsync(caseId, Demo.Assessor);
        var uid = Guid.NewGuid();

        // Booked in summer (BST, UTC+1): 09:30 UTC is 10:30 in London. The notifier is called before
        // the save, as a feature does, and must see the new interview.
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Interviews.Add(new Interview(caseId, 1, new DateTimeOffset(2027, 6, 15, 9, 30, 0, TimeSpan.Zero), 60, InterviewMode.VideoCall, "https://meet.example.test/epa-123", uid));
            await scope.ServiceProvider.GetRequiredService<Notifier>().InterviewBookedAsync(caseId, isReschedule: false);
            await db.SaveChangesAsync();
        }

        Assert.Equal(3, (await Portal.DispatchAsync()).Sent);
        Assert.Single(Smtp.To(Demo.Employer));
        Assert.Single(Smtp.To(Demo.Assessor));
        var booked = Assert.Single(Smtp.To(Demo.Apprentice2));
        Assert.Equal("Your end-point assessment interview: 15 June 2027, 10:30", booked.Subject);
        Assert.Contains("https://meet.example.test/epa-123", booked.TextBody, StringComparison.Ordinal);

        var first = ParseInvitation(booked);
        Assert.Equal("REQUEST", first.Method);
        var tz = Assert.Single(first.TimeZones);
        Assert.Equal("Europe/London", tz.TzId);
        Assert.NotEmpty(tz.TimeZoneInfos);
        var firstEvent = Assert.Single(first.Events);
        Assert.Equal(uid.ToString("D"), firstEvent.Uid);
        Assert.Equal(0, firstEvent.Sequence);
        Assert.Equal("Europe/London", firstEvent.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 6, 15, 10, 30, 0), firstEvent.DtStart.Value);
        Assert.Equal(new DateTime(2027, 6, 15, 9, 30, 0, DateTimeKind.Utc), firstEvent.DtStart.AsUtc);
        Assert.Equal(TimeSpan.FromMinutes(60), firstEvent.Duration!.Value.ToTimeSpanUnspecified());
        Assert.Equal("https://meet.example.test/epa-123", firstEvent.Location);
        Assert.Contains(firstEvent.Attendees, a => a.Value!.ToString().Contains(Demo.Apprentice2, StringComparison.OrdinalIgnoreCase));

        // Moved to winter (GMT): 14:00 UTC is 14:00 in London. Same UID, higher SEQUENCE.
        Smtp.Clear();
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var interview = await db.Interviews.SingleAsync(i => i.CaseId == caseId);
            interview.Reschedule(new DateTimeOffset(2027, 12, 7, 14, 0, 0, TimeSpan.Zero), 90, InterviewMode.InPerson, "Acme Software Ltd, 1 Park Row, Leeds", "Assessor unwell");
            await scope.ServiceProvider.GetRequiredService<Notifier>().InterviewBookedAsync(caseId, isReschedule: true);
            await db.SaveChangesAsync();
        }

        Assert.Equal(3, (await Portal.DispatchAsync()).Sent);
        var moved = Assert.Single(Smtp.To(Demo.Apprentice2));
        Assert.Equal("Your interview has moved to 7 December 2027, 14:00", moved.Subject);
        Assert.DoesNotContain("Assessor unwell", moved.TextBody, StringComparison.Ordinal);
        var second = Assert.Single(ParseInvitation(moved).Events);
        Assert.Equal(firstEvent.Uid, second.Uid);
        Assert.True(second.Sequence > firstEvent.Sequence);
        Assert.Equal("Europe/London", second.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 12, 7, 14, 0, 0), second.DtStart.Value);
        Assert.Equal(TimeSpan.FromMinutes(90), second.Duration!.Value.ToTimeSpanUnspecified());
        Assert.Contains("invitation", Assert.Single(Smtp.To(Demo.Assessor)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_SendsALinkOnThePortalAddress_ThatResetsThePassword()
    {
        using var client = Portal.CreatePortalClient();
        var response = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = Demo.OtherOrgApprentice }, "form#forgot-password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Identity/Account/ForgotPasswordConfirmation", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Equal(1, (await Portal.DispatchAsync()).Sent);
        var message = Assert.Single(Smtp.To(Demo.OtherOrgApprentice));
        Assert.Equal("Reset your EPA Portal password", message.Subject);
        var match = ResetLink().Match(message.TextBody ?? string.Empty);
        Assert.True(match.Success, message.TextBody);

        // The one-time link is not kept once the message has gone.
        var row = Assert.Single(await Portal.OutboxAsync(), m => m.Kind == NotificationKind.PasswordReset && m.ToAddress == Demo.OtherOrgApprentice);
        Assert.Equal(OutboxMessage.SecretRemoved, row.TextBody);
        Assert.Equal(OutboxMessage.SecretRemoved, row.HtmlBody);

        const string newPassword = "a-brand-new-password-2027";
        var reset = await client.SubmitFormAsync(match.Groups["path"].Value, new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.OtherOrgApprentice,
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", reset.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var signedIn = Portal.CreatePortalClient();
        await signedIn.SignInAsync(Demo.OtherOrgApprentice, newPassword);
    }

    [Fact]
    public async Task ForgotPassword_ForAnUnknownAddress_AnswersTheSame_AndSendsNothing()
    {
        using var client = Portal.CreatePortalClient();
        var response = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = "nobody@demo.test" }, "form#forgot-password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Identity/Account/ForgotPasswordConfirmation", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, (await Portal.DispatchAsync()).Claimed);
        Assert.Empty(Smtp.Received);
    }

    [Fact]
    public async Task IdentityConfirmationLink_IsRebasedOnThePortalAddress_NotTheRequestHost()
    {
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(Demo.QualityAssurer);
            await scope.ServiceProvider.GetRequiredService<IEmailSender<PortalUser>>()
                .SendConfirmationLinkAsync(user!, "quinn.new@demo.test", "http://attacker.example/Identity/Account/ConfirmEmailChange?userId=42&amp;email=quinn.new%40demo.test&amp;code=abc");
        }

        Assert.Equal(1, (await Portal.DispatchAsync()).Sent);
        var message = Assert.Single(Smtp.To("quinn.new@demo.test"));
        Assert.Contains($"{BaseUrl}/Identity/Account/ConfirmEmailChange?userId=42&email=quinn.new%40demo.test&code=abc", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_LinksToThePortal_AndKeepsNoTokenAfterSending()
    {
        var userId = await Portal.UserIdOfAsync(Demo.Assessor2);
        await Portal.NotifyAsync(n => n.InvitationAsync(userId, "/Identity/Account/ResetPassword?code=invite-token-123"));

        Assert.Equal(1, (await Portal.DispatchAsync()).Sent);
        var message = Assert.Single(Smtp.To(Demo.Assessor2));
        Assert.Equal("You have been invited to the EPA Portal", message.Subject);
        Assert.Contains($"{BaseUrl}/Identity/Account/ResetPassword?code=invite-token-123", message.TextBody, StringComparison.Ordinal);
        var row = Assert.Single(await Portal.OutboxAsync(), m => m.Kind == NotificationKind.Invitation && m.ToAddress == Demo.Assessor2);
        Assert.DoesNotContain("invite-token-123", row.TextBody + row.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCaseEvent_ReachesItsRecipients_WithALinkToActOn()
    {
        var caseId = await Portal.CaseIdOfAsync(Demo.Apprentice);
        await Portal.AllocateAssessorAsync(caseId, Demo.Assessor);
        await Portal.WithDbAsync(async db =>
        {
            var now = Portal.Clock.GetUtcNow();
            db.ProjectSubmissions.Add(new ProjectSubmission(caseId, 1, "Brief", "Brief text", now.AddDays(3), now.AddDays(10)));
            await db.SaveChangesAsync();
        });

        await Portal.NotifyAsync(async n =>
        {
            await n.ReferenceRequestedAsync(caseId);
            await n.GatewaySubmittedAsync(caseId);
            await n.GatewayDecidedAsync(caseId, approved: false);
            await n.GatewayDecidedAsync(caseId, approved: true);
            await n.AssessorAllocatedAsync(caseId);
            await n.ProjectWindowOpeningAsync(caseId);
            await n.ReadyForQaAsync(caseId);
            await n.CaseReturnedByQaAsync(caseId);
            await n.ResultReleasedAsync(caseId);
            await n.AppealReceivedAsync(caseId);
            await n.AppealDecidedAsync(caseId);
        });
        await Portal.DispatchAsync();

        var opens = UkTime.Date(Portal.Clock.GetUtcNow().AddDays(3));
        string[] Subjects(string address) => Smtp.To(address).Select(m => m.Subject ?? string.Empty).Order(StringComparer.Ordinal).ToArray();
        string[] Expected(params string[] subjects) => subjects.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            Expected(
                "Action needed: employer reference for Amira Khan",
                "Gateway returned for Amira Khan: changes needed",
                "Gateway approved for Amira Khan",
                $"Project window for Amira Khan opens on {opens}",
                "End-point assessment result ready for Amira Khan",
                "Appeal received for Amira Khan",
                "A decision has been made on the appeal for Amira Khan"),
            Subjects(Demo.Employer));
        Assert.Equal(
            Expected(
                "Your gateway needs changes",
                "Your gateway has been approved",
                $"Your project window opens on {opens}",
                "Your end-point assessment result is ready",
                "We have received your appeal",
                "A decision has been made on your appeal"),
            Subjects(Demo.Apprentice));
        Assert.Equal(Expected("Gateway to check: Amira Khan", "Appeal lodged: Amira Khan"), Subjects(Demo.Admin));
        Assert.Equal(Expected("New case allocated to you: Amira Khan", "Case returned by quality assurance: Amira Khan"), Subjects(Demo.Assessor));
        Assert.Equal(Expected("Case ready for quality assurance: Amira Khan"), Subjects(Demo.QualityAssurer));
        Assert.Empty(Smtp.To(Demo.OtherEmployer));
        Assert.Empty(Smtp.To(Demo.Assessor2));

        // Every message has a plain-text and an HTML part and a link to the page to act on.
        Assert.All(Smtp.Received, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.TextBody));
            Assert.False(string.IsNullOrWhiteSpace(m.HtmlBody));
            Assert.Matches($"{Regex.Escape(BaseUrl)}/cases/{caseId}(/[a-z]+)?\\s", m.TextBody);
        });
        Assert.Contains($"{BaseUrl}/cases/{caseId}/reference", Smtp.To(Demo.Employer).Single(m => m.Subject!.Contains("reference", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);
        Assert.Contains($"{BaseUrl}/cases/{caseId}/result", Smtp.To(Demo.Apprentice).Single(m => m.Subject!.Contains("result", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);
        Assert.Contains($"{BaseUrl}/cases/{caseId}/gateway", Smtp.To(Demo.Admin).Single(m => m.Subject!.StartsWith("Gateway", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferenceReminders_FollowTheRequest_UntilTheReferenceIsSubmitted()
    {
        var caseId = await Portal.CaseIdOfAsync(Demo.Apprentice2);
        await Portal.NotifyAsync(n => n.ReferenceRequestedAsync(caseId));
        await Portal.DispatchAsync();

        async Task<IReadOnlyList<int>> RemindAsync()
        {
            await using var scope = Portal.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReferenceReminders>().QueueDueAsync();
        }

        Assert.DoesNotContain(caseId, await RemindAsync());
        Portal.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Contains(caseId, await RemindAsync());
        Assert.DoesNotContain(caseId, await RemindAsync());
        await Portal.DispatchAsync();
        var reminder = Assert.Single(Smtp.To(Demo.Employer), m => m.Subject == "Reminder: employer reference for Ben Lewis");
        Assert.Contains($"{BaseUrl}/cases/{caseId}/reference", reminder.TextBody, StringComparison.Ordinal);

        // Submitted: no more reminders.
        await Portal.WithDbAsync(async db =>
        {
            var reference = new EmployerReference(caseId, Portal.Clock.GetUtcNow());
            reference.Submit(await Portal.UserIdOfAsync(Demo.Employer), Portal.Clock.GetUtcNow());
            db.EmployerReferences.Add(reference);
            await db.SaveChangesAsync();
        });
        Portal.Clock.Advance(TimeSpan.FromDays(7));
        Assert.DoesNotContain(caseId, await RemindAsync());
    }

    private static Calendar ParseInvitation(MimeMessage message)
    {
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>(), a => a.FileName == InterviewCalendar.FileName);
        using var stream = new MemoryStream();
        attachment.Content!.DecodeTo(stream);
        var ics = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        // The same invitation is inline for calendar programs, marked METHOD=REQUEST.
        var inline = Assert.Single(message.BodyParts.OfType<TextPart>(), p => p.ContentType.MediaSubtype == "calendar");
        Assert.Equal("REQUEST", inline.ContentType.Parameters["method"]);
        Assert.Equal(ics.ReplaceLineEndings(), inline.Text.ReplaceLineEndings());
        return Calendar.Load(ics)!;
    }

    [GeneratedRegex(@"https://epa\.example\.test(?<path>/Identity/Account/ResetPassword\?code=[^\s""<]+)")]
    private static partial Regex ResetLink();
}
