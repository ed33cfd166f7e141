using System.Globalization;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Project;

/// <summary>
/// The apprentice's side of the synoptic project: the brief once the window opens, deliverables uploaded
/// with the evidence machinery while the window (or an extension) is open, the summary and the submission
/// through the domain's case workflow.
/// </summary>
public sealed class ProjectService(
    PortalDbContext db,
    CaseCommands commands,
    EvidenceFileCommitter committer,
    IEvidenceStore store,
    StorageQuota quota,
    TimeProvider clock,
    CurrentUser user,
    IOptions<UploadOptions> uploadOptions)
{
    public const string DeliverableUploaded = "ProjectDeliverableUploaded";
    public const string DeliverableRemoved = "ProjectDeliverableRemoved";
    public const string SummarySaved = "ProjectSummarySaved";

    public async Task<ProjectPageViewModel> GetPageAsync(int caseId, ProjectSummaryInput? summary, CancellationToken cancellationToken)
    {
        var options = uploadOptions.Value;
        var accept = FileTypes.AcceptAttribute(options);
        var allowed = string.Join(", ", FileTypes.Allowed(options).Select(t => "." + t.Extension));
        var project = await CurrentProjectAsync(caseId, tracked: false, cancellationToken);
        if (project is null)
        {
            return new ProjectPageViewModel(false, null, null, null, null, null, null, false, null, null, [], new ProjectSummaryInput(), accept, allowed, options.MaxFileMegabytes);
        }

        var now = clock.GetUtcNow();
        var visible = project.IsBriefVisibleAt(now);
        var open = project.IsOpenAt(now);
        var deliverables = await db.StoredFiles.AsNoTracking()
            .Where(f => f.ProjectSubmissionId == project.Id && f.Purpose == FilePurpose.ProjectDeliverable)
            .OrderBy(f => f.UploadedAt)
            .Select(f => new DeliverableRow(f.Id, f.OriginalFileName, f.SizeBytes, f.UploadedAt))
            .ToListAsync(cancellationToken);
        return new ProjectPageViewModel(
            true,
            project.WindowOpensAt,
            project.WindowClosesAt,
            project.EffectiveClose,
            project.ExtendedUntil is not null ? project.ExtensionReason : null,
            visible ? project.BriefTitle : null,
            visible ? project.BriefText : null,
            open,
            project.SubmittedAt,
            open ? TimeLeft(project.EffectiveClose - now) : null,
            visible ? deliverables : [],
            summary ?? new ProjectSummaryInput { Text = project.Summary, Version = project.Version },
            accept,
            allowed,
            options.MaxFileMegabytes);
    }

    public async Task<IUploadTarget?> UploadTargetAsync(int caseId, CancellationToken cancellationToken)
    {
        var project = await CurrentProjectAsync(caseId, tracked: false, cancellationToken);
        if (project is null)
        {
            return null;
        }

        var used = await db.StoredFiles.AsNoTracking().Where(f => f.CaseId == caseId).SumAsync(f => f.SizeBytes, cancellationToken);
        return new DeliverableTarget(this, caseId, project.Id, uploadOptions.Value.QuotaBytesPerCase - used, ClosedReason(project));
    }

    public async Task<string?> SaveSummaryAsync(int caseId, ProjectSummaryInput input, CancellationToken cancellationToken)
    {
        var project = await CurrentProjectAsync(caseId, tracked: true, cancellationToken);
        if (project is null)
        {
            return "Your project has not been scheduled.";
        }

        if (ClosedMessage(project) is { } closed)
        {
            return closed;
        }

        db.Entry(project).Property(p => p.Version).OriginalValue = input.Version;
        project.Summary = input.Text!.Trim();
        db.AuditEntries.Add(Audit(SummarySaved, caseId, $"Summary of {project.Summary.Length} characters"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return "Your summary was changed in another tab or window. Your text was not saved: copy it, reload the page and try again.";
        }
    }

    public async Task<string?> RemoveDeliverableAsync(int caseId, Guid fileId, CancellationToken cancellationToken)
    {
        var project = await CurrentProjectAsync(caseId, tracked: false, cancellationToken);
        var file = project is null ? null : await db.StoredFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.ProjectSubmissionId == project.Id, cancellationToken);
        if (project is null || file is null)
        {
            return null;
        }

        if (ClosedMessage(project) is { } closed)
        {
            return closed;
        }

        // Not yet assessed evidence: the row goes, then the bytes (a failed delete leaves an orphan the sweep removes).
        db.StoredFiles.Remove(file);
        db.AuditEntries.Add(Audit(DeliverableRemoved, caseId, $"{file.OriginalFileName} ({file.SizeBytes} bytes, SHA-256 {file.Sha256})"));
        await db.SaveChangesAsync(cancellationToken);
        await quota.ReleaseAsync(caseId, file.SizeBytes);
        await store.DeleteAsync(file.StorageKey, CancellationToken.None);
        return string.Empty;
    }

    /// <summary>Submits the project through the case workflow (the controller has taken any due window move first).</summary>
    public async Task<IReadOnlyList<string>> SubmitAsync(CaseSnapshot snapshot, CancellationToken cancellationToken)
    {
        var project = snapshot.Facts.Project is { } current && current.Attempt == snapshot.Case.Attempt ? current : null;
        if (project is null)
        {
            return ["Your project has not been scheduled."];
        }

        if (string.IsNullOrWhiteSpace(project.Summary))
        {
            return ["Write and save a short summary of your project before submitting."];
        }

        var result = await commands.TransitionAsync(snapshot, CaseState.ProjectSubmitted, reason: null, cancellationToken: cancellationToken);
        return result.Succeeded ? [] : result.Problems;
    }

    /// <summary>"2 days 4 hours", "3 hours 10 minutes", "12 minutes".</summary>
    public static string TimeLeft(TimeSpan left)
    {
        static string Unit(int n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? string.Empty : "s");
        if (left.TotalDays >= 1)
        {
            return Unit(left.Days, "day") + " " + Unit(left.Hours, "hour");
        }

        return left.TotalHours >= 1 ? Unit(left.Hours, "hour") + " " + Unit(left.Minutes, "minute") : Unit(Math.Max(0, (int)Math.Ceiling(left.TotalMinutes)), "minute");
    }

    private Task<ProjectSubmission?> CurrentProjectAsync(int caseId, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.ProjectSubmissions : db.ProjectSubmissions.AsNoTracking();
        return query
            .Where(p => p.CaseId == caseId && p.Attempt == db.Cases.Where(c => c.Id == caseId).Select(c => c.Attempt).Single())
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Why nothing can be uploaded or changed now, or null while the window is open.</summary>
    private string? ClosedMessage(ProjectSubmission project)
    {
        var now = clock.GetUtcNow();
        if (project.SubmittedAt is { } submitted)
        {
            return $"Your project was submitted on {UkTime.DateTime(submitted)}; nothing more can be uploaded.";
        }

        if (now < project.WindowOpensAt)
        {
            return $"Your project window opens on {UkTime.DateTime(project.WindowOpensAt)}; uploads are accepted from then.";
        }

        return project.IsOpenAt(now) ? null : $"Your project window closed on {UkTime.DateTime(project.EffectiveClose)}; uploads are no longer accepted. If something prevented you from submitting, contact your assessment organisation about an extension.";
    }

    /// <summary>The same, phrased for a refused file ("report.pdf was not uploaded: it …").</summary>
    private string? ClosedReason(ProjectSubmission project)
    {
        var now = clock.GetUtcNow();
        if (project.SubmittedAt is { } submitted)
        {
            return $"arrived after your project was submitted on {UkTime.DateTime(submitted)}";
        }

        if (now < project.WindowOpensAt)
        {
            return $"arrived before your project window opens on {UkTime.DateTime(project.WindowOpensAt)}";
        }

        return project.IsOpenAt(now) ? null : $"arrived after your project window closed on {UkTime.DateTime(project.EffectiveClose)}; uploads are refused once the window has closed (contact your assessment organisation if you need an extension)";
    }

    private AuditEntry Audit(string action, int caseId, string details) =>
        new(clock.GetUtcNow(), user.Id, user.DisplayName, action, caseId, null, null, null, details);

    private async Task<UploadOutcome> AddDeliverableAsync(int caseId, int projectId, AcceptedFile file, CancellationToken cancellationToken)
    {
        var project = await db.ProjectSubmissions.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken);
        if (ClosedReason(project) is { } closed)
        {
            return UploadOutcome.Refused(file.FileName, closed);
        }

        try
        {
            await committer.CommitAsync(file, caseId, FilePurpose.ProjectDeliverable, user.Id, clock.GetUtcNow(), stored =>
            {
                stored.ProjectSubmissionId = projectId;
                db.AuditEntries.Add(Audit(DeliverableUploaded, caseId, $"{stored.OriginalFileName} ({stored.SizeBytes} bytes, SHA-256 {stored.Sha256})").RecordsFile(stored));
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return UploadOutcome.Refused(file.FileName, "could not be saved; please try again");
        }

        return new UploadOutcome(file.FileName, true, $"{file.FileName} was uploaded to your project.");
    }

    private sealed class DeliverableTarget(ProjectService service, int caseId, int projectId, long remaining, string? closedReason) : IUploadTarget
    {
        public int CaseId => caseId;

        public long RemainingQuotaBytes => remaining;

        public string? CheckBeforeFile(IReadOnlyDictionary<string, string> fields) => closedReason;

        public Task<UploadOutcome> AcceptAsync(AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
            service.AddDeliverableAsync(caseId, projectId, file, cancellationToken);
    }
}
