using System.Text.Json.Nodes;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Features.Grading;
using EpaPortal.Web.Features.Interviews;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Records;

/// <summary>The account: who signs in, with which roles, and their sessions (never a password, key or token).</summary>
public sealed class AccountExporter : ISubjectDataExporter
{
    public string Section => "account";

    public int Order => 10;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        if (context.Subject.UserId is not { } userId)
        {
            return null;
        }

        var db = context.Db;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.EmailConfirmed, u.PhoneNumber, u.TwoFactorEnabled, u.CreatedAt, u.DisabledAt, u.LockoutEnd, u.OrganisationId })
            .SingleAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync(cancellationToken);
        var organisation = user.OrganisationId is { } organisationId
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new { startedAt = s.CreatedAt, expiresAt = s.ExpiresAt }).ToListAsync(cancellationToken);
        return SubjectExportContext.ToNode(new
        {
            accountId = user.Id,
            name = user.DisplayName,
            email = user.Email,
            emailConfirmed = user.EmailConfirmed,
            phone = user.PhoneNumber,
            roles,
            organisation,
            twoStepVerification = user.TwoFactorEnabled,
            createdAt = user.CreatedAt,
            disabledAt = user.DisabledAt,
            lockedOutUntil = user.LockoutEnd,
            sessions,
        });
    }
}

/// <summary>The apprentice record: identity, employer, adjustments and entry qualifications.</summary>
public sealed class ApprenticeRecordExporter : ISubjectDataExporter
{
    public string Section => "apprenticeRecord";

    public int Order => 20;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        if (context.Subject.ApprenticeId is not { } id)
        {
            return null;
        }

        var apprentice = await context.Db.Apprentices.AsNoTracking().Include(a => a.EntryQualifications).Include(a => a.Organisation)
            .SingleAsync(a => a.Id == id, cancellationToken);
        return SubjectExportContext.ToNode(new
        {
            apprenticeId = apprentice.Id,
            uln = apprentice.Uln.Trim(),
            givenNames = apprentice.GivenNames,
            familyName = apprentice.FamilyName,
            email = apprentice.Email,
            dateOfBirth = apprentice.DateOfBirth,
            employer = apprentice.Organisation?.Name,
            apprenticeshipStart = apprentice.StartDate,
            postalAddress = apprentice.PostalAddress,
            certificateRecipient = apprentice.CertificateRecipient.ToString(),
            reasonableAdjustments = apprentice.ReasonableAdjustments,
            entryQualifications = apprentice.EntryQualifications.Select(q => new { q.Kind, q.Subject, q.Grade, q.AchievedOn }),
        });
    }
}

/// <summary>The person's cases: standard, state, dates, the gateway (declarations, module results, the check's decisions).</summary>
public sealed class CasesExporter : ISubjectDataExporter
{
    public string Section => "cases";

    public int Order => 30;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        if (ids.Count == 0)
        {
            return new JsonArray();
        }

        var db = context.Db;
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Include(c => c.StandardVersion!).ThenInclude(v => v.Standard).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var gateways = await db.GatewaySubmissions.AsNoTracking().Where(g => ids.Contains(g.CaseId)).Include(g => g.ModuleResults).Include(g => g.Reviews).ToListAsync(cancellationToken);
        foreach (var gateway in gateways)
        {
            context.Mention(gateway.SubmittedById);
            context.Mention(gateway.ReviewedById);
            context.MentionName(gateway.EmployerSignatoryName);
        }

        foreach (var epaCase in cases)
        {
            context.Mention(epaCase.AssessorId);
            context.MentionName(epaCase.PortfolioConfirmedByName);
        }

        return SubjectExportContext.ToNode(cases.Select(c => new
        {
            caseId = c.Id,
            standard = c.StandardVersion is { } v ? DisplayNames.Of(v) : null,
            state = DisplayNames.Of(c.State),
            attempt = c.Attempt,
            attemptKind = DisplayNames.Of(c.AttemptKind),
            onHold = c.IsOnHold,
            registeredAt = c.CreatedAt,
            portfolioSubmittedAt = c.PortfolioSubmittedAt,
            portfolioConfirmedAt = c.PortfolioConfirmedAt,
            portfolioConfirmedBy = c.PortfolioConfirmedByName,
            portfolioReturnReason = c.PortfolioReturnReason,
            gatewaySubmittedAt = c.GatewaySubmittedAt,
            gatewayApprovedAt = c.GatewayApprovedAt,
            resultReleasedAt = c.ResultReleasedAt,
            appealDeadline = c.AppealDeadline,
            certificateRequestedAt = c.CertificateRequestedAt,
            gateway = gateways.Where(g => g.CaseId == c.Id).Select(g => new
            {
                submittedAt = g.SubmittedAt,
                submittedBy = g.SubmittedById,
                employerSignatory = g.EmployerSignatoryName,
                g.MinimumTimeOnProgrammeConfirmed,
                g.ReadinessDeclared,
                g.ApprenticeConsentsToCertificateRequest,
                g.EnglishExemptionReason,
                g.MathsExemptionReason,
                knowledgeModules = g.ModuleResults.Select(m => new { m.Module, m.AwardingBody, m.PassedOn, certificateFileId = m.CertificateFileId }),
                reviewedAt = g.ReviewedAt,
                reviews = g.Reviews.Select(r => new { item = DisplayNames.Of(r.Item), decision = r.Decision.ToString(), r.Reason }),
            }),
        }));
    }
}

/// <summary>The portfolio: items, their versions and files (added to the ZIP), and what they are mapped to; the gateway's certificate files.</summary>
public sealed class EvidenceExporter : ISubjectDataExporter
{
    public string Section => "evidence";

    public int Order => 40;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        if (ids.Count == 0)
        {
            return new JsonArray();
        }

        var db = context.Db;
        var items = await db.EvidenceItems.AsNoTracking().Where(e => ids.Contains(e.CaseId))
            .Include(e => e.Versions).ThenInclude(v => v.File).Include(e => e.Mappings).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var competencyIds = items.SelectMany(i => i.Mappings.Select(m => m.CompetencyId)).Distinct().ToList();
        var codes = await db.Competencies.AsNoTracking().Where(c => competencyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, cancellationToken);
        var gatewayFiles = await db.StoredFiles.AsNoTracking()
            .Where(f => ids.Contains(f.CaseId) && (f.Purpose == FilePurpose.KnowledgeModuleCertificate || f.Purpose == FilePurpose.EnglishMathsEvidence
                || f.Purpose == FilePurpose.AdjustmentEvidence || f.Purpose == FilePurpose.SupportiveActionPlan))
            .OrderBy(f => f.UploadedAt).ToListAsync(cancellationToken);
        foreach (var file in items.SelectMany(i => i.Versions).Select(v => v.File!).Concat(gatewayFiles))
        {
            Include(context, file, file.Purpose switch
            {
                FilePurpose.PortfolioEvidence => "evidence",
                FilePurpose.AdjustmentEvidence => "adjustments",
                FilePurpose.SupportiveActionPlan => "next-attempt",
                _ => "gateway",
            });
        }

        return SubjectExportContext.ToNode(items.Select(i => (object)new
        {
            kind = "portfolio item",
            caseId = i.CaseId,
            itemId = i.Id,
            i.Title,
            i.Description,
            i.ProjectName,
            i.WorkDate,
            createdAt = i.CreatedAt,
            removedFromPortfolioAt = i.RemovedAt,
            mappedTo = i.Mappings.Select(m => codes.GetValueOrDefault(m.CompetencyId)),
            versions = i.Versions.OrderBy(v => v.Number).Select(v => FileNode(v.File!, v.Number)),
        }).Concat(gatewayFiles.Select(f => (object)new
        {
            kind = f.Purpose switch
            {
                FilePurpose.AdjustmentEvidence => "reasonable adjustment evidence",
                FilePurpose.SupportiveActionPlan => "supportive action plan",
                _ => "gateway file",
            },
            caseId = f.CaseId,
            file = FileNode(f, null),
        })));
    }

    internal static void Include(SubjectExportContext context, StoredFile file, string folder)
    {
        context.Mention(file.UploadedById);
        if (file.PurgedAt is null)
        {
            context.AddFile(new ExportFile(file.Id, file.StorageKey, file.Sha256, file.SizeBytes, folder, file.OriginalFileName));
        }
        else
        {
            context.Withhold($"The bytes of file {file.Id}", WithheldReasons.Purged);
        }
    }

    internal static object FileNode(StoredFile file, int? version) => new
    {
        version,
        fileId = file.Id,
        name = file.OriginalFileName,
        file.ContentType,
        file.SizeBytes,
        file.Sha256,
        uploadedAt = file.UploadedAt,
        uploadedBy = file.UploadedById,
        purgedAt = file.PurgedAt,
    };
}

/// <summary>The synoptic project: briefs (once the window opened), summaries, deliverables (added to the ZIP).</summary>
public sealed class ProjectExporter : ISubjectDataExporter
{
    public string Section => "project";

    public int Order => 50;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        if (ids.Count == 0)
        {
            return new JsonArray();
        }

        var db = context.Db;
        var projects = await db.ProjectSubmissions.AsNoTracking().Where(p => ids.Contains(p.CaseId)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var files = await db.StoredFiles.AsNoTracking().Where(f => ids.Contains(f.CaseId) && f.Purpose == FilePurpose.ProjectDeliverable).OrderBy(f => f.UploadedAt).ToListAsync(cancellationToken);
        foreach (var file in files)
        {
            EvidenceExporter.Include(context, file, "project");
        }

        return SubjectExportContext.ToNode(projects.Select(p => new
        {
            caseId = p.CaseId,
            p.Attempt,
            brief = p.IsBriefVisibleAt(context.Now) ? p.BriefTitle : null,
            windowOpensAt = p.WindowOpensAt,
            windowClosesAt = p.EffectiveClose,
            submittedAt = p.SubmittedAt,
            p.Summary,
            deliverables = files.Where(f => f.ProjectSubmissionId == p.Id).Select(f => EvidenceExporter.FileNode(f, null)),
        }));
    }
}

/// <summary>Employer references about the person, once submitted (the referee's own details are redacted).</summary>
public sealed class ReferencesExporter : ISubjectDataExporter
{
    public string Section => "employerReferences";

    public int Order => 60;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        if (ids.Count == 0)
        {
            return new JsonArray();
        }

        var references = await context.Db.EmployerReferences.AsNoTracking().Where(r => ids.Contains(r.CaseId)).Include(r => r.Sections).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var drafts = references.Count(r => r.Status != ReferenceStatus.Submitted);
        if (drafts > 0)
        {
            context.Withhold($"{drafts} employer reference draft(s)", WithheldReasons.DraftReference);
        }

        var submitted = references.Where(r => r.Status == ReferenceStatus.Submitted).ToList();
        foreach (var reference in submitted)
        {
            context.Mention(reference.SubmittedById);
            context.MentionName(reference.RefereeName);
        }

        return SubjectExportContext.ToNode(submitted.Select(r => new
        {
            caseId = r.CaseId,
            submittedAt = r.SubmittedAt,
            referee = r.RefereeName,
            refereeJobTitle = r.RefereeJobTitle,
            relationship = r.RelationshipToApprentice,
            r.MonthsSupervised,
            sections = r.Sections.Select(s => new { area = s.AreaCode, s.Narrative }),
        }));
    }
}

/// <summary>Released results: the grade, the decision date, the feedback and the final judgement of each area (domain.md section 6: the parties' once released).</summary>
public sealed class ResultsExporter : ISubjectDataExporter
{
    public string Section => "results";

    public int Order => 70;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        if (ids.Count == 0)
        {
            return new JsonArray();
        }

        var db = context.Db;
        var decisions = await db.GradeDecisions.AsNoTracking().Where(g => ids.Contains(g.CaseId)).OrderBy(g => g.DecidedAt).ToListAsync(cancellationToken);
        var unreleased = decisions.Count(d => d.ReleasedAt is null);
        if (unreleased > 0)
        {
            context.Withhold($"{unreleased} grade decision(s) and their judgements", WithheldReasons.NotReleased);
        }

        var released = decisions.Where(d => d.ReleasedAt is not null).ToList();
        var attempts = released.Select(d => (d.CaseId, d.Attempt)).ToHashSet();
        var judgements = (await db.Judgements.AsNoTracking().Where(j => ids.Contains(j.CaseId)).Include(j => j.Areas).ToListAsync(cancellationToken))
            .Where(j => attempts.Contains((j.CaseId, j.Attempt))).ToList();
        foreach (var decision in released)
        {
            context.Mention(decision.AssessorId);
            context.Mention(decision.QaById);
            context.Mention(decision.ReleasedById);
        }

        return SubjectExportContext.ToNode(released.Select(d => new
        {
            caseId = d.CaseId,
            d.Attempt,
            grade = d.ReleasedGrade.ToString(),
            assessorGrade = d.IsModerated ? d.FinalGrade.ToString() : null,
            decisionDate = d.QaDecisionDate,
            releasedAt = d.ReleasedAt,
            d.Feedback,
            recommendation = d.ReleasedRecommendation?.ToString(),
            areas = judgements.Where(j => j.CaseId == d.CaseId && j.Attempt == d.Attempt).SelectMany(j => j.Areas)
                .Select(a => new { area = a.AreaCode, level = a.Level?.ToString(), a.Rationale }),
        }));
    }
}

/// <summary>Appeals lodged on the person's cases.</summary>
public sealed class AppealsExporter : ISubjectDataExporter
{
    public string Section => "appeals";

    public int Order => 80;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        var userId = context.Subject.UserId;
        var appeals = await context.Db.Appeals.AsNoTracking().Where(a => ids.Contains(a.CaseId) || (userId != null && a.LodgedById == userId)).OrderBy(a => a.LodgedAt).ToListAsync(cancellationToken);
        foreach (var appeal in appeals)
        {
            context.Mention(appeal.LodgedById);
            context.Mention(appeal.ReviewerId);
            context.MentionCase(appeal.CaseId);
        }

        return SubjectExportContext.ToNode(appeals.Select(a => new
        {
            caseId = a.CaseId,
            a.Attempt,
            lodgedAt = a.LodgedAt,
            lodgedBy = a.LodgedById,
            a.Grounds,
            outcome = a.Outcome.ToString(),
            a.DecisionReason,
            decidedAt = a.DecidedAt,
        }));
    }
}

/// <summary>Interview bookings (when, how, where): told to the person when booked, so not confidential.</summary>
public sealed class InterviewsExporter : ISubjectDataExporter
{
    public string Section => "interviews";

    public int Order => 90;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        var interviews = await context.Db.Interviews.AsNoTracking().Where(i => ids.Contains(i.CaseId)).OrderBy(i => i.StartsAt).ToListAsync(cancellationToken);
        return SubjectExportContext.ToNode(interviews.Select(i => new
        {
            caseId = i.CaseId,
            i.Attempt,
            startsAt = i.StartsAt,
            i.DurationMinutes,
            mode = i.Mode.ToString(),
            i.Location,
            rescheduleReason = i.LastRescheduleReason,
            completedAt = i.CompletedAt,
        }));
    }
}

/// <summary>
/// The assessor's confidential notes about the person: initial conclusions, questions to explore, the
/// interview record and judgements not yet released. They never reach an apprentice, employer or training
/// provider (domain.md section 6), so the export only counts them and lists them as withheld; their content
/// is never read here.
/// </summary>
public sealed class ConfidentialNotesExporter : ISubjectDataExporter
{
    public string Section => "confidentialAssessmentNotes";

    public int Order => 100;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var ids = context.Subject.OwnCaseIds;
        if (ids.Count == 0)
        {
            return null;
        }

        var db = context.Db;
        var notes = await db.AssessorNotes.AsNoTracking().Where(n => ids.Contains(n.CaseId)).CountAsync(cancellationToken);
        var questions = await db.InterviewQuestions.AsNoTracking().Where(q => ids.Contains(q.CaseId)).CountAsync(cancellationToken);
        var unreleased = await db.Judgements.AsNoTracking()
            .Where(j => ids.Contains(j.CaseId) && !db.GradeDecisions.Any(g => g.CaseId == j.CaseId && g.Attempt == j.Attempt && g.ReleasedAt != null))
            .CountAsync(cancellationToken);
        if (notes + questions + unreleased > 0)
        {
            context.Withhold(
                $"Confidential assessment notes: {notes} note(s) with their initial conclusions, {questions} interview question(s) and their record, {unreleased} judgement(s) not yet released",
                WithheldReasons.ConfidentialNotes);
        }

        return null;
    }
}

/// <summary>
/// Audit log entries about the person: what they did, what was done to their cases, and entries that name
/// their account. Other people's names are redacted like everywhere else; for an apprentice's own cases the
/// details of the assessment's confidential steps (notes, judgements, the grading states) are always withheld.
/// </summary>
public sealed class AuditEntriesExporter : ISubjectDataExporter
{
    /// <summary>Actions whose details describe confidential notes or unreleased judgements.</summary>
    public static readonly IReadOnlySet<string> ConfidentialActions = new HashSet<string>(StringComparer.Ordinal)
    {
        NotesService.NotesSaved, NotesService.NotesRead, JudgementService.JudgementSaved, InterviewService.InterviewRecorded, "QaCaseRead",
    };

    private static readonly HashSet<string> GradingStates = new(StringComparer.Ordinal)
    {
        nameof(CaseState.PreInterviewReview), nameof(CaseState.InterviewCompleted), nameof(CaseState.Graded), nameof(CaseState.IqaApproved),
    };

    public string Section => "auditEntries";

    public int Order => 110;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var userId = context.Subject.UserId;
        var ids = context.Subject.OwnCaseIds;
        var query = context.Db.AuditEntries.AsNoTracking().Where(a =>
            (userId != null && (a.ActorId == userId || (a.Details != null && a.Details.Contains(userId))))
            || (a.CaseId != null && ids.Contains(a.CaseId.Value)));
        var entries = await query.OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var withheld = 0;
        var rows = new List<object>();
        foreach (var entry in entries)
        {
            context.Mention(entry.ActorId);
            context.MentionCase(entry.CaseId);
            var confidential = entry.ActorId != userId && entry.CaseId is { } caseId && ids.Contains(caseId)
                && (ConfidentialActions.Contains(entry.Action) || (entry.FromState is { } from && GradingStates.Contains(from)) || (entry.ToState is { } to && GradingStates.Contains(to)));
            if (confidential)
            {
                withheld++;
            }

            rows.Add(new
            {
                number = entry.Sequence,
                at = entry.At,
                by = entry.ActorName,
                action = DisplayNames.Words(entry.Action),
                caseId = entry.CaseId,
                from = entry.FromState,
                to = entry.ToState,
                reason = confidential ? "[withheld]" : entry.Reason,
                details = confidential ? "[withheld]" : entry.Details,
                fileSha256 = entry.FileSha256,
            });
        }

        if (withheld > 0)
        {
            context.Withhold($"The details of {withheld} audit entries about the assessment's confidential steps", WithheldReasons.ConfidentialNotes);
        }

        return SubjectExportContext.ToNode(rows);
    }
}

/// <summary>The person's own requests to correct or erase their data, and the decisions.</summary>
public sealed class PrivacyRequestsExporter : ISubjectDataExporter
{
    public string Section => "privacyRequests";

    public int Order => 120;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var userId = context.Subject.UserId;
        if (userId is null)
        {
            return new JsonArray();
        }

        var requests = await context.Db.PrivacyRequests.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        foreach (var request in requests)
        {
            context.Mention(request.DecidedById);
        }

        return SubjectExportContext.ToNode(requests.Select(r => new
        {
            kind = Domain.Records.PrivacyRequest.Describe(r.Kind),
            askedAt = r.CreatedAt,
            r.Details,
            status = Domain.Records.PrivacyRequest.Describe(r.Status),
            decidedAt = r.DecidedAt,
            reason = r.DecisionReason,
            r.Outcome,
        }));
    }
}

/// <summary>E-mails the portal sent (or still holds) to the person's addresses.</summary>
public sealed class EmailsExporter : ISubjectDataExporter
{
    public string Section => "emails";

    public int Order => 130;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var addresses = new[] { context.Subject.Email, context.Subject.ApprenticeEmail }.Where(a => a is not null).Select(a => a!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (addresses.Count == 0)
        {
            return new JsonArray();
        }

        var messages = await context.Db.OutboxMessages.AsNoTracking().Where(m => addresses.Contains(m.ToAddress)).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        foreach (var message in messages)
        {
            context.MentionCase(message.CaseId);
        }

        return SubjectExportContext.ToNode(messages.Select(m => new
        {
            to = m.ToAddress,
            kind = m.Kind.ToString(),
            caseId = m.CaseId,
            m.Subject,
            text = m.TextBody,
            createdAt = m.CreatedAt,
            sentAt = m.SentAt,
        }));
    }
}

/// <summary>
/// For staff and employer users: the records they wrote or decided (which case, what, when). What those
/// records say is about the apprentices, so their content is listed as withheld (third-party data).
/// </summary>
public sealed class AuthoredRecordsExporter : ISubjectDataExporter
{
    public string Section => "authoredRecords";

    public int Order => 140;

    public async Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        if (context.Subject.UserId is not { } userId)
        {
            return new JsonArray();
        }

        var db = context.Db;
        var own = context.Subject.OwnCaseIds;
        var rows = new List<(int CaseId, string What, DateTimeOffset? At)>();
        rows.AddRange((await db.AssessorNotes.AsNoTracking().Where(n => n.AssessorId == userId && !own.Contains(n.CaseId)).Select(n => new { n.CaseId, n.UpdatedAt }).ToListAsync(cancellationToken))
            .Select(n => (n.CaseId, "assessor's notes", (DateTimeOffset?)n.UpdatedAt)));
        rows.AddRange((await db.Judgements.AsNoTracking().Where(j => j.AssessorId == userId && !own.Contains(j.CaseId)).Select(j => new { j.CaseId, j.UpdatedAt }).ToListAsync(cancellationToken))
            .Select(j => (j.CaseId, "final judgement", (DateTimeOffset?)j.UpdatedAt)));
        rows.AddRange((await db.GradeDecisions.AsNoTracking().Where(g => g.QaById == userId && !own.Contains(g.CaseId)).Select(g => new { g.CaseId, g.QaAt }).ToListAsync(cancellationToken))
            .Select(g => (g.CaseId, "quality assurance decision", g.QaAt)));
        rows.AddRange((await db.EmployerReferences.AsNoTracking().Where(r => r.SubmittedById == userId && !own.Contains(r.CaseId)).Select(r => new { r.CaseId, r.SubmittedAt }).ToListAsync(cancellationToken))
            .Select(r => (r.CaseId, "employer reference", r.SubmittedAt)));
        rows.AddRange((await db.GatewaySubmissions.AsNoTracking().Where(g => g.SubmittedById == userId && !own.Contains(g.CaseId)).Select(g => new { g.CaseId, g.SubmittedAt }).ToListAsync(cancellationToken))
            .Select(g => (g.CaseId, "gateway submission", (DateTimeOffset?)g.SubmittedAt)));
        var conflicts = await db.ConflictsOfInterest.AsNoTracking().Where(c => c.AssessorId == userId).Include(c => c.Organisation).OrderBy(c => c.DeclaredAt).ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            context.Withhold($"What the {rows.Count} records you wrote or decided say", WithheldReasons.ThirdParty);
        }

        foreach (var row in rows)
        {
            context.MentionCase(row.CaseId);
        }

        return SubjectExportContext.ToNode(rows.OrderBy(r => r.At).Select(r => (object)new { r.CaseId, kind = r.What, at = r.At })
            .Concat(conflicts.Select(c => (object)new { kind = "declared conflict of interest", organisation = c.Organisation?.Name, c.Reason, c.From, c.To, declaredAt = c.DeclaredAt })));
    }
}
