using System.Globalization;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.AuditTrail;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Records;

/// <summary>
/// The admin pages of the audit trail's chain, the retention schedule and legal holds. Reads are projections;
/// every change is audited in the same save. Long work (verifying, making or carrying out a report) is queued
/// for the background job, so no request does more than a few commands.
/// </summary>
public sealed class RecordsAdminService(PortalDbContext db, CurrentUser current, AuditLog audit, TimeProvider clock, IOptions<RecordsOptions> options)
{
    public const string ScheduleChanged = "RetentionScheduleChanged";
    public const string ReportApproved = "RetentionReportApproved";
    public const string HoldPlaced = "LegalHoldPlaced";
    public const string HoldLifted = "LegalHoldLifted";
    public const string VerificationRequested = "AuditVerificationRequested";

    private const int ItemsPerPage = 100;

    // ---- The chain ----

    public async Task<AuditChainViewModel> ChainAsync(VerifyInput? input, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var runs = await Runs(db.AuditVerifications.AsNoTracking().OrderByDescending(v => v.Id).Take(20)).ToListAsync(cancellationToken);
        return new AuditChainViewModel(head, head.Sequence - head.FirstSequence + 1, runs, input ?? new VerifyInput(), problems);
    }

    public async Task<VerificationViewModel?> VerificationAsync(int id, CancellationToken cancellationToken)
    {
        var run = await Runs(db.AuditVerifications.AsNoTracking().Where(v => v.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }

        var breaks = await db.AuditVerifications.AsNoTracking().Where(v => v.Id == id).Select(v => v.Breaks).SingleAsync(cancellationToken);
        return new VerificationViewModel(run, breaks?.Split('\n') ?? []);
    }

    public async Task<int> QueueVerificationAsync(VerifyInput input, CancellationToken cancellationToken)
    {
        var anchor = AuditAnchor.Parse(input.Anchor)?.ToString();
        var run = new AuditVerification(current.Id, current.DisplayName, anchor, clock.GetUtcNow());
        db.AuditVerifications.Add(run);
        audit.Add(VerificationRequested, null, anchor is null ? "Asked for a verification of the audit trail" : $"Asked for a verification of the audit trail against the anchor {anchor}");
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    private static IQueryable<VerificationRow> Runs(IQueryable<AuditVerification> runs) =>
        runs.Select(v => new VerificationRow(v.Id, v.RequestedAt, v.RequestedByName, v.Status, v.FinishedAt, v.EntriesChecked, v.FilesChecked, v.HeadSequence, v.HeadHash, v.BreakCount, v.FirstBreak, v.Anchor));

    // ---- The retention schedule ----

    public async Task<RetentionViewModel> RetentionAsync(ScheduleInput? input, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var set = await db.RetentionSettings.AsNoTracking().ToListAsync(cancellationToken);
        var effective = RetentionSchedule.Effective(set.Select(s => s.ToRule()));
        var rows = effective.Select(rule =>
        {
            var setting = set.SingleOrDefault(s => s.DataClass == rule.DataClass);
            return new ScheduleRow(rule, RetentionSchedule.Defaults.Single(d => d.DataClass == rule.DataClass), setting?.UpdatedByName, setting?.UpdatedAt);
        }).ToList();
        input ??= new ScheduleInput { Rows = effective.Select(r => new ScheduleRowInput { DataClass = r.DataClass, Months = r.Months, CountedFrom = r.CountedFrom }).ToList() };
        var holds = await db.LegalHolds.AsNoTracking().OrderByDescending(h => h.PlacedAt).Take(100)
            .Join(db.Cases, h => h.CaseId, c => c.Id, (h, c) => new LegalHoldRow(h.CaseId, c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName, h.Reason, h.PlacedByName, h.PlacedAt))
            .ToListAsync(cancellationToken);
        var reports = await Reports(db.RetentionReports.AsNoTracking().OrderByDescending(r => r.Id).Take(10)).ToListAsync(cancellationToken);
        return new RetentionViewModel(rows, input, holds, reports, options.Value.AutoApprovePurge, problems);
    }

    public async Task SaveScheduleAsync(ScheduleInput input, CancellationToken cancellationToken)
    {
        var set = await db.RetentionSettings.ToListAsync(cancellationToken);
        var before = RetentionSchedule.Effective(set.Select(s => s.ToRule()));
        var now = clock.GetUtcNow();
        var changes = new List<string>();
        foreach (var row in input.Rows)
        {
            var old = RetentionSchedule.For(before, row.DataClass);
            var months = row.Months!.Value;
            if (old.Months == months && old.CountedFrom == row.CountedFrom)
            {
                continue;
            }

            changes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{RetentionSchedule.Describe(row.DataClass)}: {old.Months} months after {RetentionSchedule.Describe(old.CountedFrom)} → {months} months after {RetentionSchedule.Describe(row.CountedFrom)}"));
            if (set.SingleOrDefault(s => s.DataClass == row.DataClass) is { } setting)
            {
                setting.Set(months, row.CountedFrom, current.Id, current.DisplayName, now);
            }
            else
            {
                db.RetentionSettings.Add(new RetentionSetting(row.DataClass, months, row.CountedFrom, current.Id, current.DisplayName, now));
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        audit.Add(ScheduleChanged, null, string.Join("; ", changes));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> RequestReportAsync(CancellationToken cancellationToken)
    {
        var report = new RetentionReport(clock.GetUtcNow(), current.DisplayName);
        db.RetentionReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return report.Id;
    }

    public async Task<RetentionReportViewModel?> ReportAsync(int id, DataClass? only, int page, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var report = await Reports(db.RetentionReports.AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return null;
        }

        var schedule = await db.RetentionReports.AsNoTracking().Where(r => r.Id == id).Select(r => r.Schedule).SingleAsync(cancellationToken);
        var byClass = await db.RetentionReportItems.AsNoTracking().Where(i => i.ReportId == id).GroupBy(i => i.DataClass)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var items = db.RetentionReportItems.AsNoTracking().Where(i => i.ReportId == id);
        if (only is { } dataClass)
        {
            items = items.Where(i => i.DataClass == dataClass);
        }

        var total = only is { } c ? byClass.GetValueOrDefault(c) : byClass.Values.Sum();
        var pages = Math.Max(1, (total + ItemsPerPage - 1) / ItemsPerPage);
        page = Math.Clamp(page, 1, pages);
        var rows = await items.OrderBy(i => i.DataClass).ThenBy(i => i.Id).Skip((page - 1) * ItemsPerPage).Take(ItemsPerPage)
            .Select(i => new ReportItemRow(i.Id, i.DataClass, i.CaseId, i.SubjectKey, i.RecordCount, i.DueAt, i.Description, i.Outcome, i.Note))
            .ToListAsync(cancellationToken);
        return new RetentionReportViewModel(report, schedule, rows, page, pages, only, byClass, problems);
    }

    public async Task<IReadOnlyList<string>> ApproveReportAsync(int id, CancellationToken cancellationToken)
    {
        var report = await db.RetentionReports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return ["The report was not found."];
        }

        if (report.Status != RetentionReportStatus.Proposed)
        {
            return [$"This report is {Describe(report.Status).ToLowerInvariant()}: only the latest proposed report can be approved."];
        }

        report.Approve(current.DisplayName, clock.GetUtcNow());
        audit.Add(ReportApproved, null, string.Create(CultureInfo.InvariantCulture, $"Approved retention report {id} ({report.ItemCount} items, as of {report.AsOf:yyyy-MM-dd HH:mm} UTC): {report.Summary}"));
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public static string Describe(RetentionReportStatus status) => status switch
    {
        RetentionReportStatus.Requested => "Being prepared",
        RetentionReportStatus.Proposed => "Waiting for approval",
        RetentionReportStatus.Approved => "Approved: carried out on the next run",
        RetentionReportStatus.CarriedOut => "Carried out",
        RetentionReportStatus.Superseded => "Replaced by a newer report",
        _ => status.ToString(),
    };

    private static IQueryable<ReportRow> Reports(IQueryable<RetentionReport> reports) =>
        reports.Select(r => new ReportRow(r.Id, r.RequestedAt, r.RequestedByName, r.Status, r.AsOf, r.ItemCount, r.Summary, r.ApprovedByName, r.ApprovedAt, r.CarriedOutAt, r.CarriedOutSummary));

    // ---- Legal holds ----

    public async Task<LegalHoldViewModel?> LegalHoldAsync(int caseId, Admin.ReasonInput? input, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var found = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                Name = c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName,
                c.State,
                Hold = db.LegalHolds.Where(h => h.CaseId == c.Id).Select(h => new LegalHoldRow(h.CaseId, string.Empty, h.Reason, h.PlacedByName, h.PlacedAt)).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new LegalHoldViewModel(caseId, found.Name, DisplayNames.Of(found.State), found.Hold, input ?? new Admin.ReasonInput(), problems);
    }

    public async Task<IReadOnlyList<string>> PlaceHoldAsync(int caseId, string reason, CancellationToken cancellationToken)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return ["The case was not found."];
        }

        if (await db.LegalHolds.AnyAsync(h => h.CaseId == caseId, cancellationToken))
        {
            return ["The case is already under a legal hold."];
        }

        var now = clock.GetUtcNow();
        db.LegalHolds.Add(new LegalHold(caseId, reason, current.Id, current.DisplayName, now));
        audit.Add(HoldPlaced, caseId, "Legal hold placed: nothing of this case, its apprentice or their account is removed by the retention schedule until it is lifted", reason.Trim());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ["The case is already under a legal hold."];
        }

        return [];
    }

    public async Task<IReadOnlyList<string>> LiftHoldAsync(int caseId, string reason, CancellationToken cancellationToken)
    {
        var hold = await db.LegalHolds.SingleOrDefaultAsync(h => h.CaseId == caseId, cancellationToken);
        if (hold is null)
        {
            return ["The case is not under a legal hold."];
        }

        db.LegalHolds.Remove(hold);
        audit.Add(HoldLifted, caseId, string.Create(CultureInfo.InvariantCulture, $"Legal hold lifted (placed {hold.PlacedAt:yyyy-MM-dd} by {hold.PlacedByName}): the retention schedule applies again"), reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }
}
