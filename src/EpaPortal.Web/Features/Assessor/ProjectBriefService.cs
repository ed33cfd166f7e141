using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
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
    StandardVersionCache versions,
    CaseCommands commands,
    CaseWorkflow workflow,
    Notifier notifier,
    AuditLog audit,
    TimeProvider clock,
    CurrentUser user,
    BankHolidaySource holidays)
{
    public const string BriefChanged = "ProjectBriefChanged";

    public async Task<ProjectBriefViewModel> GetAsync(CaseAccessInfo header, ProjectBriefInput? input, CancellationToken cancellationToken)
    {
        var settings = header.Adjustment.Apply(await SettingsAsync(header.StandardVersionId, cancellationToken));
        var row = await ProjectRowAsync(db, header.CaseId, header.Attempt, cancellationToken);
        var project = row?.Summary;
        var (canSet, reason) = CanSet(header);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);
        var earliest = ScheduleRules.EarliestDay(today, settings.ProjectNoticeWorkingDays, holidays.For(header.Nation));
        var rules = $"The plan's timing rules: the window opens on a working day with at least {settings.ProjectNoticeWorkingDays} working days' notice "
            + $"(from {UkTime.Date(earliest)} if set today) and runs {settings.ProjectWindowWorkingDays} working days in a row, skipping the bank holidays of {BankHolidaysService.NationName(header.Nation)}.";
        if (input is null)
        {
            input = new ProjectBriefInput();
            var zone = clock.LocalTimeZone;
            if (row is { } stored)
            {
                var (opensOn, opensAt) = LocalTimes.ToLocal(stored.Summary.WindowOpensAt, zone);
                var (closesOn, closesAt) = LocalTimes.ToLocal(stored.Summary.WindowClosesAt, zone);
                input = new ProjectBriefInput
                {
                    Title = stored.Summary.BriefTitle,
                    Text = stored.Summary.BriefText,
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
    public async Task<CommandResult> SaveAsync(CaseSnapshot snapshot, CaseAccessInfo header, ProjectBriefInput input, CancellationToken cancellationToken)
    {
        if (CanSet(header) is (false, var reason))
        {
            return CommandResult.Refused(reason!);
        }

        var zone = clock.LocalTimeZone;
        var settings = header.Adjustment.Apply(await SettingsAsync(header.StandardVersionId, cancellationToken));
        var opens = LocalTimes.FromLocal(input.OpensOn!.Value, input.OpensAt!.Value, zone);
        var closes = input.ClosesOn is { } closesOn && input.ClosesAt is { } closesAt
            ? LocalTimes.FromLocal(closesOn, closesAt, zone)
            : LocalTimes.FromLocal(WorkingDays.Add(input.OpensOn.Value, settings.ProjectWindowWorkingDays, holidays.For(header.Nation)), input.OpensAt.Value, zone);
        var overrideReason = header.Allows(CaseOperation.Administer) && !string.IsNullOrWhiteSpace(input.OverrideReason) ? input.OverrideReason.Trim() : null;
        var title = input.Title!.Trim();
        var text = input.Text!.Trim();

        if (header.State != CaseState.ProjectScheduled)
        {
            return await commands.RunAsync(snapshot, async (epaCase, facts) =>
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

        var current = snapshot.Facts.Project is { } project && project.Attempt == header.Attempt ? project : null;
        if (current is null)
        {
            return CommandResult.Missing;
        }

        // New dates meet the plan's timing rules as a new schedule would (or an admin overrides them);
        // a change of the brief alone keeps the window as it was accepted.
        var datesChanged = current.WindowOpensAt != opens || current.WindowClosesAt != closes;
        IReadOnlyList<ScheduleBreach> breaches = datesChanged ? ScheduleRules.CheckProjectWindow(settings, opens, closes, now, zone, holidays.For(header.Nation)) : [];
        problems.AddRange(ScheduleRules.Problems(breaches, header.Allows(CaseOperation.Administer), overrideReason));
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

        audit.Add(BriefChanged, header.CaseId, $"Attempt {header.Attempt}: window {UkTime.DateTime(opens)} to {UkTime.DateTime(closes)}", breaches.Count > 0 ? overrideReason : null);
        if (datesChanged)
        {
            await notifier.ProjectWindowOpeningAsync(header.CaseId, cancellationToken);
        }

        return await commands.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The current attempt's project with its deliverables (staff view), or null: one command.</summary>
    public static async Task<ProjectSummary?> ProjectSummaryAsync(PortalDbContext db, int caseId, int attempt, CancellationToken cancellationToken) =>
        (await ProjectRowAsync(db, caseId, attempt, cancellationToken))?.Summary;

    private static async Task<(ProjectSummary Summary, Guid Version)?> ProjectRowAsync(PortalDbContext db, int caseId, int attempt, CancellationToken cancellationToken)
    {
        var project = await db.ProjectSubmissions.AsNoTracking()
            .Where(p => p.CaseId == caseId && p.Attempt == attempt)
            .Select(p => new
            {
                p.BriefTitle,
                p.BriefText,
                p.WindowOpensAt,
                p.WindowClosesAt,
                p.ExtendedUntil,
                p.ExtensionReason,
                p.SubmittedAt,
                p.Summary,
                p.Version,
                Deliverables = db.StoredFiles.Where(f => f.ProjectSubmissionId == p.Id && f.Purpose == FilePurpose.ProjectDeliverable)
                    .Select(f => new DeliverableRow(f.Id, f.OriginalFileName, f.ContentType, f.SizeBytes, f.UploadedAt))
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return project is null ? null : (new ProjectSummary(project.BriefTitle, project.BriefText, project.WindowOpensAt, project.WindowClosesAt,
            project.ExtendedUntil, project.ExtensionReason, project.SubmittedAt, project.Summary,
            project.Deliverables.OrderBy(f => f.UploadedAt).ThenBy(f => f.FileId).ToList()), project.Version);
    }

    private static (bool CanSet, string? Reason) CanSet(CaseAccessInfo header) =>
        !header.Allows(CaseOperation.ArrangeAssessment) ? (false, "Only the allocated assessor or an admin can set the project brief.")
        : AssessmentRules.WhyBriefCannotBeSet(header.State, header.IsOnHold) is { } reason ? (false, reason)
        : (true, null);

    private async Task<Domain.Standards.StandardSettings> SettingsAsync(int standardVersionId, CancellationToken cancellationToken) =>
        (await versions.GetAsync(db, standardVersionId, cancellationToken)).Settings;
}
