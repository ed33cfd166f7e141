using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>
/// The synoptic project's brief and window for the current attempt, set by the allocated assessor or an
/// admin. Setting it moves the case to ProjectScheduled through the case workflow (which checks the window
/// opens in the future); until the window opens the brief can still be changed.
/// </summary>
public sealed class ProjectBriefService(
    PortalDbContext db,
    CaseCommands commands,
    CaseWorkflow workflow,
    Notifier notifier,
    TimeProvider clock,
    CurrentUser user)
{
    public const string BriefChanged = "ProjectBriefChanged";

    private static readonly HashSet<CaseState> SchedulableStates = [CaseState.GatewayApproved, CaseState.ResitPlanned, CaseState.RetakePlanned];

    public async Task<ProjectBriefViewModel> GetAsync(AssessorCaseHeader header, ProjectBriefInput? input, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(header.StandardVersionId, cancellationToken);
        var project = await ProjectSummaryAsync(db, header.CaseId, header.Attempt, cancellationToken);
        var (canSet, reason) = CanSet(header);
        if (input is null)
        {
            input = new ProjectBriefInput();
            var zone = clock.LocalTimeZone;
            var stored = await db.ProjectSubmissions.AsNoTracking()
                .Where(p => p.CaseId == header.CaseId && p.Attempt == header.Attempt)
                .Select(p => new { p.Version })
                .SingleOrDefaultAsync(cancellationToken);
            if (project is not null && stored is not null)
            {
                var (opensOn, opensAt) = LocalTimes.ToLocal(project.WindowOpensAt, zone);
                var (closesOn, closesAt) = LocalTimes.ToLocal(project.WindowClosesAt, zone);
                input = new ProjectBriefInput
                {
                    Title = project.BriefTitle,
                    Text = project.BriefText,
                    OpensOn = opensOn,
                    OpensAt = opensAt,
                    ClosesOn = closesOn,
                    ClosesAt = closesAt,
                    Version = stored.Version,
                };
            }
            else
            {
                // A suggestion: the next working day at 09:00.
                var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
                input.OpensOn = WorkingDays.Add(today, 1);
                input.OpensAt = new TimeOnly(9, 0);
            }
        }

        return new ProjectBriefViewModel(header, project, canSet, reason, settings.ProjectWindowWorkingDays, input);
    }

    /// <summary>Sets (first time: schedules the project) or changes the brief and window.</summary>
    public async Task<CommandResult> SaveAsync(AssessorCaseHeader header, ProjectBriefInput input, CancellationToken cancellationToken)
    {
        if (CanSet(header) is (false, var reason))
        {
            return CommandResult.Refused(reason!);
        }

        var zone = clock.LocalTimeZone;
        var settings = await SettingsAsync(header.StandardVersionId, cancellationToken);
        var opens = LocalTimes.FromLocal(input.OpensOn!.Value, input.OpensAt!.Value, zone);
        var closes = input.ClosesOn is { } closesOn && input.ClosesAt is { } closesAt
            ? LocalTimes.FromLocal(closesOn, closesAt, zone)
            : LocalTimes.FromLocal(WorkingDays.Add(input.OpensOn.Value, settings.ProjectWindowWorkingDays), input.OpensAt.Value, zone);
        var title = input.Title!.Trim();
        var text = input.Text!.Trim();

        if (header.State != CaseState.ProjectScheduled)
        {
            return await commands.RunAsync(header.CaseId, async (epaCase, facts) =>
            {
                var project = facts.Project is { } existing && existing.Attempt == epaCase.Attempt ? existing : null;
                if (project is null)
                {
                    project = new ProjectSubmission(epaCase.Id, epaCase.Attempt, title, text, opens, closes);
                    db.ProjectSubmissions.Add(project);
                }
                else
                {
                    project.BriefTitle = title;
                    project.BriefText = text;
                    project.WindowOpensAt = opens;
                    project.WindowClosesAt = closes;
                }

                var outcome = workflow.Transition(epaCase, CaseState.ProjectScheduled, commands.Actor, facts with { Project = project }, reason: null);
                if (outcome.Succeeded)
                {
                    await notifier.ProjectWindowOpeningAsync(epaCase.Id, cancellationToken);
                }

                return outcome;
            }, cancellationToken);
        }

        // ProjectScheduled: the brief is still hidden, so it may change; the same rules as scheduling hold.
        var problems = new List<string>();
        var now = clock.GetUtcNow();
        if (opens <= now)
        {
            problems.Add("The project window must open in the future, so that the brief stays hidden until then.");
        }

        if (closes <= opens)
        {
            problems.Add("The project window must close after it opens.");
        }

        if (problems.Count > 0)
        {
            return CommandResult.Refused(problems);
        }

        var current = await db.ProjectSubmissions.SingleOrDefaultAsync(p => p.CaseId == header.CaseId && p.Attempt == header.Attempt, cancellationToken);
        if (current is null)
        {
            return CommandResult.Missing;
        }

        if (input.Version is { } version)
        {
            db.Entry(current).Property(p => p.Version).OriginalValue = version;
        }

        var datesChanged = current.WindowOpensAt != opens || current.WindowClosesAt != closes;
        current.BriefTitle = title;
        current.BriefText = text;
        current.WindowOpensAt = opens;
        current.WindowClosesAt = closes;
        db.AuditEntries.Add(new AuditEntry(now, user.Id, user.DisplayName, BriefChanged, header.CaseId, null, null, null,
            $"Attempt {header.Attempt}: window {UkTime.DateTime(opens)} to {UkTime.DateTime(closes)}"));
        if (datesChanged)
        {
            await notifier.ProjectWindowOpeningAsync(header.CaseId, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict;
        }
    }

    /// <summary>The current attempt's project with its deliverables (staff view), or null.</summary>
    public static async Task<ProjectSummary?> ProjectSummaryAsync(PortalDbContext db, int caseId, int attempt, CancellationToken cancellationToken)
    {
        var project = await db.ProjectSubmissions.AsNoTracking()
            .Where(p => p.CaseId == caseId && p.Attempt == attempt)
            .SingleOrDefaultAsync(cancellationToken);
        if (project is null)
        {
            return null;
        }

        var deliverables = await db.StoredFiles.AsNoTracking()
            .Where(f => f.ProjectSubmissionId == project.Id && f.Purpose == FilePurpose.ProjectDeliverable)
            .OrderBy(f => f.UploadedAt)
            .Select(f => new DeliverableRow(f.Id, f.OriginalFileName, f.ContentType, f.SizeBytes, f.UploadedAt))
            .ToListAsync(cancellationToken);
        return new ProjectSummary(project.BriefTitle, project.BriefText, project.WindowOpensAt, project.WindowClosesAt,
            project.ExtendedUntil, project.ExtensionReason, project.SubmittedAt, project.Summary, deliverables);
    }

    private static (bool CanSet, string? Reason) CanSet(AssessorCaseHeader header)
    {
        if (!header.IsAllocatedAssessor && !header.IsAdmin)
        {
            return (false, "Only the allocated assessor or an admin can set the project brief.");
        }

        if (header.IsOnHold)
        {
            return (false, "The case is on hold.");
        }

        if (SchedulableStates.Contains(header.State) || header.State == CaseState.ProjectScheduled)
        {
            return (true, null);
        }

        return (false, header.State is CaseState.Registered or CaseState.GatewaySubmitted or CaseState.GatewayRejected
            ? "The project can be scheduled once the gateway has been approved."
            : $"The brief can no longer be changed: the case is '{DisplayNames.Of(header.State)}' and the window has opened.");
    }

    private Task<Domain.Standards.StandardSettings> SettingsAsync(int standardVersionId, CancellationToken cancellationToken) =>
        db.StandardVersions.AsNoTracking().Where(v => v.Id == standardVersionId).Select(v => v.Settings).SingleAsync(cancellationToken);
}
