using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Features.Scheduling;
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
    CurrentUser user,
    BankHolidaySource holidays)
{
    public const string BriefChanged = "ProjectBriefChanged";

    private static readonly HashSet<CaseState> SchedulableStates = [CaseState.GatewayApproved, CaseState.ResitPlanned, CaseState.RetakePlanned];

    public async Task<ProjectBriefViewModel> GetAsync(AssessorCaseHeader header, ProjectBriefInput? input, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(header.StandardVersionId, cancellationToken);
        var project = await ProjectSummaryAsync(db, header.CaseId, header.Attempt, cancellationToken);
        var (canSet, reason) = CanSet(header);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);
        var earliest = ScheduleRules.EarliestDay(today, settings.ProjectNoticeWorkingDays, holidays.For(header.Nation));
        var rules = $"The plan's timing rules: the window opens on a working day with at least {settings.ProjectNoticeWorkingDays} working days' notice "
            + $"(from {UkTime.Date(earliest)} if set today) and runs {settings.ProjectWindowWorkingDays} working days in a row, skipping the bank holidays of {BankHolidaysService.NationName(header.Nation)}.";
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
                // A suggestion: the first day the notice rule allows, at 09:00.
                input.OpensOn = earliest;
                input.OpensAt = new TimeOnly(9, 0);
            }
        }

        return new ProjectBriefViewModel(header, project, canSet, reason, settings.ProjectWindowWorkingDays, input, rules);
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
            : LocalTimes.FromLocal(WorkingDays.Add(input.OpensOn.Value, settings.ProjectWindowWorkingDays, holidays.For(header.Nation)), input.OpensAt.Value, zone);
        var overrideReason = header.IsAdmin && !string.IsNullOrWhiteSpace(input.OverrideReason) ? input.OverrideReason.Trim() : null;
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

                var outcome = workflow.Transition(epaCase, CaseState.ProjectScheduled, commands.Actor, facts with { Project = project }, overrideReason);
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

        // New dates meet the plan's timing rules as a new schedule would (or an admin overrides them);
        // a change of the brief alone keeps the window as it was accepted.
        var datesChanged = current.WindowOpensAt != opens || current.WindowClosesAt != closes;
        IReadOnlyList<ScheduleBreach> breaches = datesChanged ? ScheduleRules.CheckProjectWindow(settings, opens, closes, now, zone, holidays.For(header.Nation)) : [];
        problems.AddRange(ScheduleRules.Problems(breaches, header.IsAdmin, overrideReason));
        if (problems.Count > 0)
        {
            return CommandResult.Refused(problems);
        }

        if (input.Version is { } version)
        {
            db.Entry(current).Property(p => p.Version).OriginalValue = version;
        }

        current.BriefTitle = title;
        current.BriefText = text;
        current.WindowOpensAt = opens;
        current.WindowClosesAt = closes;
        if (datesChanged)
        {
            current.RecordScheduleOverride(ScheduleRules.OverrideRecord(breaches, overrideReason), user.Id);
        }
        db.AuditEntries.Add(new AuditEntry(now, user.Id, user.DisplayName, BriefChanged, header.CaseId, null, null, breaches.Count > 0 ? overrideReason : null,
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
