using System.Globalization;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Messaging;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Messages;

/// <summary>What sending a message came to.</summary>
public enum SendOutcome
{
    Sent,

    /// <summary>The domain refused the topic for this person (the assessor may send scheduling messages only).</summary>
    Forbidden,
}

/// <summary>
/// Case messages (issue 25, item 5; ADR 0031): the thread of one case, sending (the message, the sender's read marker, the
/// audit entry and the content-free e-mail alerts in one save), read markers, and the signed-in person's unread count
/// and inbox. Who reads what is the domain's <see cref="CaseMessaging"/>; the lists across cases apply the same rule in SQL
/// (<see cref="VisibleTo"/>).
/// </summary>
public sealed class MessagesService(PortalDbContext db, AuditLog audit, Notifier notifier, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The audit action of a message sent (its topic and length; the words stay in the thread).</summary>
    public const string MessageSent = "CaseMessageSent";

    /// <summary>The newest messages a thread shows.</summary>
    public const int ThreadLimit = 200;

    /// <summary>The cases the inbox lists.</summary>
    public const int InboxLimit = 100;

    /// <summary>The thread as the signed-in person may read it (two commands), with what they are typing kept.</summary>
    public async Task<ThreadViewModel> ThreadAsync(CaseAccessInfo info, SendMessageInput? input, CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var schedulingOnly = CaseMessaging.IsSchedulingOnly(info.Relation);
        var rows = await db.CaseMessages.AsNoTracking()
            .Where(m => m.CaseId == info.CaseId && (!schedulingOnly || m.Topic == MessageTopic.Scheduling))
            .OrderByDescending(m => m.Id)
            .Take(ThreadLimit + 1)
            .Select(m => new { m.Id, m.AuthorUserId, m.AuthorName, m.AuthorRole, m.Topic, m.Body, m.SentAt })
            .ToListAsync(cancellationToken);
        var lastRead = await db.CaseMessageReads.AsNoTracking()
            .Where(r => r.UserId == userId && r.CaseId == info.CaseId)
            .Select(r => (int?)r.LastReadMessageId)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        var shown = rows.Take(ThreadLimit).Select(m => new MessageView(
            m.Id, m.AuthorName, m.AuthorRole, m.Topic == MessageTopic.Scheduling, m.Body, UkTime.DateTime(m.SentAt),
            IsUnread: m.Id > lastRead && m.AuthorUserId != userId,
            IsOwn: m.AuthorUserId == userId)).ToList();
        var latest = shown.Count == 0 ? 0 : shown[0].Id;
        return new ThreadViewModel(
            info.CaseId, info.ApprenticeName, info.OrganisationName, CaseLinkText(info),
            schedulingOnly, info.Parties.ProviderOrganisationId is not null, shown, shown.Count(m => m.IsUnread), latest, rows.Count > ThreadLimit)
        {
            Send = input ?? new SendMessageInput { Topic = schedulingOnly ? MessageTopic.Scheduling : MessageTopic.General, ReadUpTo = latest },
        };
    }

    /// <summary>
    /// Sends a message (validated input): refused when the domain does not let this person post this topic. The message,
    /// the sender's read marker, the audit entry and the e-mail alerts (no content) are saved together.
    /// </summary>
    public async Task<SendOutcome> SendAsync(CaseAccessInfo info, MessageTopic topic, string body, int readUpTo, CancellationToken cancellationToken)
    {
        if (!CaseMessaging.MayPost(info.Relation, info.View, topic))
        {
            return SendOutcome.Forbidden;
        }

        var now = clock.GetUtcNow();
        var userId = currentUser.Id;
        db.CaseMessages.Add(new CaseMessage(info.CaseId, userId, currentUser.DisplayName, CaseMessaging.AuthorRole(info.Relation), topic, body, now));
        await MarkReadAsync(info.CaseId, userId, readUpTo, now, cancellationToken);
        audit.Add(MessageSent, info.CaseId, string.Create(CultureInfo.InvariantCulture, $"{(topic == MessageTopic.Scheduling ? "Scheduling" : "General")} message sent ({body.Length} characters)"));
        await notifier.CaseMessageAsync(info.CaseId, userId, authorIsAdmin: info.Relation.IsStaff() && info.Relation.HasFlag(CaseRelation.Admin), scheduling: topic == MessageTopic.Scheduling, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return SendOutcome.Sent;
    }

    /// <summary>Marks the case's messages read up to <paramref name="upTo"/> (the newest the page showed) for the signed-in person.</summary>
    public async Task MarkReadAsync(int caseId, int upTo, CancellationToken cancellationToken)
    {
        if (await MarkReadAsync(caseId, currentUser.Id, upTo, clock.GetUtcNow(), cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The number of messages waiting for the signed-in person (one command).</summary>
    public async Task<WaitingCount> WaitingAsync(CancellationToken cancellationToken)
    {
        var unread = await Unread().CountAsync(cancellationToken);
        return new WaitingCount(unread, UnreadText(unread));
    }

    /// <summary>The cases with messages waiting for the signed-in person, the most recent first (two commands).</summary>
    public async Task<InboxViewModel> InboxAsync(CancellationToken cancellationToken)
    {
        var groups = await Unread()
            .GroupBy(m => m.CaseId)
            .Select(g => new { CaseId = g.Key, Unread = g.Count(), LatestId = g.Max(m => m.Id) })
            .OrderByDescending(g => g.LatestId)
            .Take(InboxLimit + 1)
            .ToListAsync(cancellationToken);
        var shown = groups.Take(InboxLimit).ToList();
        var ids = shown.Select(g => g.CaseId).ToList();
        var latestIds = shown.Select(g => g.LatestId).ToList();
        var details = ids.Count == 0
            ? []
            : await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.Apprentice!.GivenNames, c.Apprentice.FamilyName, Organisation = c.Apprentice.Organisation!.Name })
                .ToListAsync(cancellationToken);
        var sentAt = latestIds.Count == 0
            ? []
            : await db.CaseMessages.AsNoTracking().Where(m => latestIds.Contains(m.Id)).Select(m => new { m.CaseId, m.SentAt }).ToListAsync(cancellationToken);
        var byId = details.ToDictionary(d => d.Id);
        var latestAt = sentAt.ToDictionary(m => m.CaseId, m => m.SentAt);
        var rows = shown.Where(g => byId.ContainsKey(g.CaseId)).Select(g =>
        {
            var d = byId[g.CaseId];
            return new InboxRow(g.CaseId, $"{d.GivenNames} {d.FamilyName}", d.Organisation, g.Unread, latestAt.TryGetValue(g.CaseId, out var at) ? UkTime.DateTime(at) : string.Empty);
        }).ToList();
        return new InboxViewModel(rows, shown.Sum(g => g.Unread), groups.Count > InboxLimit);
    }

    /// <summary>"3 unread messages": the badge's words for screen readers, and the inbox's.</summary>
    public static string UnreadText(int count) => count switch
    {
        0 => "No unread messages",
        1 => "1 unread message",
        _ => string.Create(CultureInfo.InvariantCulture, $"{count} unread messages"),
    };

    /// <summary>
    /// The messages the signed-in person reads across every case, in SQL: the domain's <see cref="CaseMessaging"/> rule for
    /// each relation they can hold (the case's apprentice, an employer or provider user of its organisation, an admin: every
    /// message; the allocated assessor: scheduling messages). Quality assurers who are not admins read none.
    /// <see cref="Security.CaseAuthorizer"/> still decides each case page.
    /// </summary>
    private IQueryable<CaseMessage> VisibleTo(string userId)
    {
        var isApprentice = currentUser.IsInRole(Roles.Apprentice);
        var isEmployer = currentUser.IsInRole(Roles.Employer);
        var isProvider = currentUser.IsInRole(Roles.Provider);
        var isAdmin = currentUser.IsInRole(Roles.Admin);
        var isAssessor = currentUser.IsInRole(Roles.Assessor);
        var organisationId = currentUser.OrganisationId ?? -1;
        return db.CaseMessages.AsNoTracking().Where(m => isAdmin || db.Cases.Any(c => c.Id == m.CaseId && (
            (isApprentice && c.Apprentice!.UserId == userId)
            || (isEmployer && c.Apprentice!.OrganisationId == organisationId)
            || (isProvider && c.ProviderOrganisationId == organisationId)
            || (isAssessor && c.AssessorId == userId && m.Topic == MessageTopic.Scheduling))));
    }

    /// <summary>Those of <see cref="VisibleTo"/> written by someone else after the person's read marker for the case.</summary>
    private IQueryable<CaseMessage> Unread()
    {
        var userId = currentUser.Id;
        return VisibleTo(userId).Where(m => m.AuthorUserId != userId
            && !db.CaseMessageReads.Any(r => r.UserId == userId && r.CaseId == m.CaseId && r.LastReadMessageId >= m.Id));
    }

    private async Task<bool> MarkReadAsync(int caseId, string userId, int upTo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (upTo <= 0)
        {
            return false;
        }

        var read = await db.CaseMessageReads.FirstOrDefaultAsync(r => r.UserId == userId && r.CaseId == caseId, cancellationToken);
        if (read is null)
        {
            db.CaseMessageReads.Add(new CaseMessageRead(caseId, userId, upTo, now));
            return true;
        }

        return read.ReadUpTo(upTo, now);
    }

    private static string CaseLinkText(CaseAccessInfo info) =>
        info.Allows(CaseOperation.ActAsApprentice) ? "My assessment" : $"Case of {info.ApprenticeName}";
}
