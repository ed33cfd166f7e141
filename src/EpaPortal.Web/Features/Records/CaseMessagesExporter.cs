using System.Text.Json.Nodes;
using EpaPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Records;

/// <summary>
/// Case messages (issue 25, item 5; ADR 0031): for an apprentice, every message on their own cases (whoever wrote it: they
/// are about them, and they could read them all in the portal); for anyone, the messages they wrote on other cases (their
/// own words). Other people's names and ids met here are redacted as everywhere in the export; the messages other people
/// wrote on cases that are not the subject's are not theirs to receive.
/// </summary>
public sealed class CaseMessagesExporter : ISubjectDataExporter
{
    public string Section => "caseMessages";

    public int Order => 85;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        var userId = context.Subject.UserId;
        var messages = await context.Db.CaseMessages.AsNoTracking()
            .Where(m => ids.Contains(m.CaseId) || (userId != null && m.AuthorUserId == userId))
            .OrderBy(m => m.CaseId).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        foreach (var message in messages)
        {
            context.Mention(message.AuthorUserId);
            if (message.AuthorUserId != userId)
            {
                context.MentionName(message.AuthorName);
            }

            context.MentionCase(message.CaseId);
        }

        return SubjectExportContext.ToNode(messages.Select(m => new
        {
            caseId = m.CaseId,
            sentAt = m.SentAt,
            writtenBy = m.AuthorUserId == userId && userId != null ? "you" : m.AuthorName,
            role = m.AuthorRole,
            about = m.Topic == MessageTopic.Scheduling ? "arranging the assessment" : "the assessment",
            text = m.Body,
        }));
    }
}
