using System.Globalization;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.AuditTrail;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Records;

/// <summary>
/// The retention schedule at work. <see cref="BuildReportAsync"/> makes the dry run: for every class of data,
/// what is due for removal now (the domain's <see cref="RetentionPolicy"/> decides, case by case and person by
/// person), counted, never read. <see cref="CarryOutAsync"/> removes what an approved report listed, checking
/// each item again first (a legal hold placed or an appeal lodged since the report keeps it), one item per
/// transaction, each recorded in the audit log with counts and ids only.
/// </summary>
public sealed class RetentionService(
    PortalDbContext db,
    CaseDataRemoval removal,
    PersonAnonymiser anonymiser,
    IEvidenceStore store,
    TimeProvider clock,
    ILogger<RetentionService> logger)
{
    public const string RetentionPurged = "RetentionPurged";
    public const string AuditEntriesPurged = "AuditEntriesPurged";
    public const string OutboxKey = "outbox";

    /// <summary>The most audit entries one report removes (the rest wait for the next).</summary>
    public const int AuditBatch = 10_000;

    public async Task<IReadOnlyList<RetentionRule>> ScheduleAsync(CancellationToken cancellationToken)
    {
        var set = await db.RetentionSettings.AsNoTracking().ToListAsync(cancellationToken);
        return RetentionSchedule.Effective(set.Select(s => s.ToRule()));
    }

    /// <summary>Fills a requested report with what is due now and supersedes older proposed reports.</summary>
    public async Task BuildReportAsync(int reportId, CancellationToken cancellationToken)
    {
        var report = await db.RetentionReports.SingleAsync(r => r.Id == reportId, cancellationToken);
        var now = clock.GetUtcNow();
        var schedule = await ScheduleAsync(cancellationToken);
        var cases = await CaseRetentionQueries.Facts(db, db.Cases.AsNoTracking()).ToListAsync(cancellationToken);
        var items = new List<RetentionReportItem>();

        foreach (var rule in schedule.Where(r => CaseDataRemoval.IsCaseClass(r.DataClass)))
        {
            var due = cases.Select(f => (Facts: f, Decision: RetentionPolicy.ForCase(rule, f, now))).Where(x => x.Decision.IsDue).ToList();
            var counts = await removal.CountAsync(rule.DataClass, due.Select(d => d.Facts.CaseId).ToList(), cancellationToken);
            foreach (var (facts, decision) in due.OrderBy(d => d.Facts.CaseId))
            {
                if (counts.TryGetValue(facts.CaseId, out var count))
                {
                    items.Add(new RetentionReportItem(rule.DataClass, facts.CaseId, facts.CaseId.ToString(CultureInfo.InvariantCulture), count, decision.DueAt,
                        string.Create(CultureInfo.InvariantCulture, $"Case {facts.CaseId}: {count} records ({RetentionSchedule.Describe(rule.DataClass).ToLowerInvariant()})")));
                }
            }
        }

        items.AddRange(await PlanPeopleAsync(RetentionSchedule.For(schedule, DataClass.Accounts), cases, now, cancellationToken));
        if (await PlanAuditAsync(RetentionSchedule.For(schedule, DataClass.Audit), cases, now, cancellationToken) is { } audit)
        {
            items.Add(audit);
        }

        if (await PlanOutboxAsync(RetentionSchedule.For(schedule, DataClass.Outbox), now, cancellationToken) is { } outbox)
        {
            items.Add(outbox);
        }

        var summary = items.Count == 0
            ? "Nothing is due for removal."
            : string.Join("; ", items.GroupBy(i => i.DataClass).OrderBy(g => g.Key)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{RetentionSchedule.Describe(g.Key)}: {g.Count()} items, {g.Sum(i => i.RecordCount)} records")));
        report.Complete(now, Describe(schedule), items, summary);
        foreach (var older in await db.RetentionReports.Where(r => r.Id != reportId && r.Status == RetentionReportStatus.Proposed).ToListAsync(cancellationToken))
        {
            older.Supersede();
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Retention report {Report}: {Summary}", reportId, summary);
    }

    public static string Describe(IReadOnlyList<RetentionRule> schedule) =>
        string.Join("; ", schedule.Select(r => string.Create(CultureInfo.InvariantCulture, $"{RetentionSchedule.Describe(r.DataClass)}: {r.Months} months after {RetentionSchedule.Describe(r.CountedFrom)}")));

    /// <summary>Carries out an approved report, item by item; returns what was done in words.</summary>
    public async Task<string> CarryOutAsync(int reportId, CancellationToken cancellationToken)
    {
        var report = await db.RetentionReports.AsNoTracking().SingleAsync(r => r.Id == reportId, cancellationToken);
        if (report.Status != RetentionReportStatus.Approved)
        {
            throw new InvalidOperationException("Only an approved report is carried out.");
        }

        var schedule = await ScheduleAsync(cancellationToken);
        var itemIds = await db.RetentionReportItems.AsNoTracking().Where(i => i.ReportId == reportId && i.Outcome == RetentionItemOutcome.Proposed)
            .OrderBy(i => i.DataClass).ThenBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var itemId in itemIds)
        {
            await CarryOutItemAsync(report, itemId, schedule, cancellationToken);
        }

        var outcomes = await db.RetentionReportItems.AsNoTracking().Where(i => i.ReportId == reportId)
            .GroupBy(i => i.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var done = outcomes.Where(o => o.Key == RetentionItemOutcome.Done).Sum(o => o.Count);
        var skipped = outcomes.Where(o => o.Key == RetentionItemOutcome.Skipped).Sum(o => o.Count);
        var summary = string.Create(CultureInfo.InvariantCulture, $"{done} items carried out, {skipped} skipped (kept since the report, see each item).");
        var tracked = await db.RetentionReports.SingleAsync(r => r.Id == reportId, cancellationToken);
        tracked.CarriedOut(summary, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return summary;
    }

    private async Task CarryOutItemAsync(RetentionReport report, long itemId, IReadOnlyList<RetentionRule> schedule, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var rule = RetentionSchedule.For(schedule, (await db.RetentionReportItems.AsNoTracking().Where(i => i.Id == itemId).Select(i => i.DataClass).SingleAsync(cancellationToken)));
        IReadOnlyList<string> keys = [];
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var item = await db.RetentionReportItems.SingleAsync(i => i.Id == itemId, cancellationToken);
            var outcome = item.DataClass switch
            {
                DataClass.Accounts => await AnonymisePersonAsync(item, rule, now, cancellationToken),
                DataClass.Audit => await PurgeAuditAsync(item, report, rule, now, cancellationToken),
                DataClass.Outbox => await PurgeOutboxAsync(item, report, rule, cancellationToken),
                _ => await RemoveCaseDataAsync(item, report, rule, now, cancellationToken),
            };
            keys = outcome.StorageKeys;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // The bytes go once the database says they are gone; a failure here leaves them to the evidence sweep,
        // which removes the bytes of purged files.
        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A purged file's bytes could not be deleted now; the evidence sweep removes them.");
            }
        }
    }

    private sealed record ItemOutcome(IReadOnlyList<string> StorageKeys)
    {
        public static ItemOutcome None { get; } = new([]);
    }

    private async Task<ItemOutcome> RemoveCaseDataAsync(RetentionReportItem item, RetentionReport report, RetentionRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var caseId = item.CaseId!.Value;
        var facts = await CaseRetentionQueries.Facts(db, db.Cases.AsNoTracking().Where(c => c.Id == caseId)).SingleOrDefaultAsync(cancellationToken);
        var decision = facts is null ? new RetentionDecision(RetentionStatus.AlreadyDone, null) : RetentionPolicy.ForCase(rule, facts, now);
        if (!decision.IsDue)
        {
            item.Skipped(RetentionDecision.Describe(decision.Status));
            return ItemOutcome.None;
        }

        var (records, keys, files) = await removal.RemoveAsync(item.DataClass, caseId, now, cancellationToken);
        var fileIds = files.Count == 0 ? string.Empty : "; files " + string.Join(", ", files);
        var note = string.Create(CultureInfo.InvariantCulture,
            $"{RetentionSchedule.Describe(item.DataClass)}: {records} records removed or anonymised ({rule.Months} months after {RetentionSchedule.Describe(rule.CountedFrom)}, due {decision.DueAt:yyyy-MM-dd}); retention report {report.Id}, item {item.Id}{fileIds}");
        db.AuditEntries.Add(AuditEntry.BySystem(now, RetentionPurged, caseId, Trim(note)));
        item.Done(note);
        return new ItemOutcome(keys);
    }

    private async Task<ItemOutcome> AnonymisePersonAsync(RetentionReportItem item, RetentionRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (userId, apprenticeId) = ParsePerson(item.SubjectKey);
        var people = await PeopleAsync(userId, apprenticeId, cancellationToken);
        var person = people.SingleOrDefault();
        var decision = person is null ? new RetentionDecision(RetentionStatus.AlreadyDone, null) : RetentionPolicy.ForPerson(rule, person.Facts, now);
        if (!decision.IsDue)
        {
            item.Skipped(RetentionDecision.Describe(decision.Status));
            return ItemOutcome.None;
        }

        var done = await anonymiser.AnonymiseAsync(person!.Facts.UserId, person.Facts.ApprenticeId, now, cancellationToken);
        var note = string.Create(CultureInfo.InvariantCulture,
            $"Accounts: {done} ({rule.Months} months after the last activity, due {decision.DueAt:yyyy-MM-dd}); retention report {item.ReportId}, item {item.Id}");
        db.AuditEntries.Add(AuditEntry.BySystem(now, RetentionPurged, null, Trim(note)));
        item.Done(note);
        return ItemOutcome.None;
    }

    private async Task<ItemOutcome> PurgeAuditAsync(RetentionReportItem item, RetentionReport report, RetentionRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var head = await AuditChainLock.LockAsync(db, async: true, cancellationToken);
        var reportedLast = long.Parse(item.SubjectKey.Split('-')[1], CultureInfo.InvariantCulture);
        var cases = await CaseRetentionQueries.Facts(db, db.Cases.AsNoTracking()).ToListAsync(cancellationToken);
        var last = await LastPurgeableAsync(head.FirstSequence, Math.Min(reportedLast, head.FirstSequence + AuditBatch - 1), rule.Cutoff(now), Kept(cases, now), cancellationToken);
        if (last is not { } lastSequence)
        {
            item.Skipped("kept: the oldest entries are no longer due (a case they belong to is held or open again)");
            return ItemOutcome.None;
        }

        var lastHash = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == lastSequence).Select(a => a.Hash!).SingleAsync(cancellationToken);
        var first = head.FirstSequence;

        // The chain's start moves first (the delete trigger allows only entries before it), then the entries go.
        await db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.FirstSequence, lastSequence + 1).SetProperty(h => h.FirstPreviousHash, lastHash), cancellationToken);
        var deleted = await db.AuditEntries.Where(a => a.Sequence != null && a.Sequence <= lastSequence).ExecuteDeleteAsync(cancellationToken);
        var note = string.Create(CultureInfo.InvariantCulture,
            $"Audit log: entries numbered {first} to {lastSequence} ({deleted} entries written before {rule.Cutoff(now):yyyy-MM-dd}) removed at the end of their retention period ({rule.Months} months); entry {lastSequence} had the hash {lastHash}, which the chain's first kept entry follows; retention report {report.Id}, item {item.Id}");
        db.AuditEntries.Add(AuditEntry.BySystem(now, AuditEntriesPurged, null, note));
        item.Done(note);
        return ItemOutcome.None;
    }

    private async Task<ItemOutcome> PurgeOutboxAsync(RetentionReportItem item, RetentionReport report, RetentionRule rule, CancellationToken cancellationToken)
    {
        // What the report listed: messages finished before its cutoff (never newer ones, whatever the schedule says now).
        var cutoff = rule.Cutoff(report.AsOf!.Value);
        var deleted = await db.OutboxMessages.Where(m => (m.SentAt != null && m.SentAt < cutoff) || (m.SentAt == null && m.GaveUpAt != null && m.GaveUpAt < cutoff)).ExecuteDeleteAsync(cancellationToken);
        var note = string.Create(CultureInfo.InvariantCulture, $"Sent e-mails: {deleted} messages sent or given up before {cutoff:yyyy-MM-dd} deleted; retention report {report.Id}, item {item.Id}");
        db.AuditEntries.Add(AuditEntry.BySystem(clock.GetUtcNow(), RetentionPurged, null, note));
        item.Done(note);
        return ItemOutcome.None;
    }

    /// <summary>Cases whose audit entries must stay: open, held, on hold or with an appeal open.</summary>
    private static HashSet<int> Kept(List<CaseRetentionFacts> cases, DateTimeOffset now) =>
        cases.Where(f => RetentionPolicy.ForCase(new RetentionRule(DataClass.Audit, 0, RetentionEvent.CaseClosed), f, now).Status != RetentionStatus.Due)
            .Select(f => f.CaseId).ToHashSet();

    /// <summary>
    /// The last entry of the longest run from the chain's start that may go: every entry in it is older than
    /// the cutoff, belongs to no kept case and records no file that is still kept. Null when the first cannot.
    /// </summary>
    private async Task<long?> LastPurgeableAsync(long first, long upTo, DateTimeOffset cutoff, HashSet<int> keptCases, CancellationToken cancellationToken)
    {
        var candidates = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Sequence >= first && a.Sequence <= upTo)
            .OrderBy(a => a.Sequence)
            .Select(a => new { a.Sequence, a.At, a.CaseId, a.FileId, FileKept = a.FileId != null && db.StoredFiles.Any(f => f.Id == a.FileId && f.PurgedAt == null) })
            .ToListAsync(cancellationToken);
        long? last = null;
        var expected = first;
        foreach (var entry in candidates)
        {
            if (entry.Sequence != expected || entry.At >= cutoff || (entry.CaseId is { } caseId && keptCases.Contains(caseId)) || entry.FileKept)
            {
                break;
            }

            last = entry.Sequence;
            expected++;
        }

        return last;
    }

    private async Task<RetentionReportItem?> PlanAuditAsync(RetentionRule rule, List<CaseRetentionFacts> cases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var cutoff = rule.Cutoff(now);
        var last = await LastPurgeableAsync(head.FirstSequence, head.FirstSequence + AuditBatch - 1, cutoff, Kept(cases, now), cancellationToken);
        if (last is not { } lastSequence)
        {
            return null;
        }

        var count = (int)(lastSequence - head.FirstSequence + 1);
        var key = string.Create(CultureInfo.InvariantCulture, $"{head.FirstSequence}-{lastSequence}");
        return new RetentionReportItem(DataClass.Audit, null, key, count, null,
            string.Create(CultureInfo.InvariantCulture, $"Audit entries numbered {head.FirstSequence} to {lastSequence}: {count} entries written before {cutoff:d MMMM yyyy}"));
    }

    private async Task<RetentionReportItem?> PlanOutboxAsync(RetentionRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = rule.Cutoff(now);
        var count = await db.OutboxMessages.CountAsync(m => (m.SentAt != null && m.SentAt < cutoff) || (m.SentAt == null && m.GaveUpAt != null && m.GaveUpAt < cutoff), cancellationToken);
        return count == 0 ? null : new RetentionReportItem(DataClass.Outbox, null, OutboxKey, count, null,
            string.Create(CultureInfo.InvariantCulture, $"{count} e-mails sent or given up before {cutoff:d MMMM yyyy}"));
    }

    private sealed record Person(PersonRetentionFacts Facts, string Key);

    private async Task<List<RetentionReportItem>> PlanPeopleAsync(RetentionRule rule, List<CaseRetentionFacts> cases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = new List<RetentionReportItem>();
        foreach (var person in await PeopleAsync(null, null, cancellationToken, cases))
        {
            var decision = RetentionPolicy.ForPerson(rule, person.Facts, now);
            if (decision.IsDue)
            {
                var what = person.Facts.UserId is null ? "apprentice record" : person.Facts.ApprenticeId is null ? "account" : "account and apprentice record";
                items.Add(new RetentionReportItem(DataClass.Accounts, null, person.Key, person.Facts.ApprenticeId is null || person.Facts.UserId is null ? 1 : 2, decision.DueAt,
                    string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(what[0])}{what[1..]} {person.Key} (last activity {person.Facts.LastActivityAt:d MMMM yyyy})")));
            }
        }

        return items;
    }

    private static string PersonKey(string? userId, int? apprenticeId) =>
        userId is not null ? "user:" + userId : string.Create(CultureInfo.InvariantCulture, $"apprentice:{apprenticeId}");

    private static (string? UserId, int? ApprenticeId) ParsePerson(string key) =>
        key.StartsWith("user:", StringComparison.Ordinal) ? (key[5..], null)
        : (null, int.Parse(key["apprentice:".Length..], CultureInfo.InvariantCulture));

    /// <summary>Everyone (or one person) with the facts the accounts rule needs.</summary>
    private async Task<List<Person>> PeopleAsync(string? onlyUser, int? onlyApprentice, CancellationToken cancellationToken, List<CaseRetentionFacts>? cases = null)
    {
        var now = clock.GetUtcNow();
        cases ??= await CaseRetentionQueries.Facts(db, db.Cases.AsNoTracking()).ToListAsync(cancellationToken);
        var byCase = cases.ToDictionary(c => c.CaseId);
        var caseLinks = await db.Cases.AsNoTracking()
            .Select(c => new { c.Id, c.ApprenticeId, c.AssessorId, c.Apprentice!.OrganisationId, c.CreatedAt })
            .ToListAsync(cancellationToken);

        var users = db.Users.AsNoTracking();
        var apprentices = db.Apprentices.AsNoTracking();
        if (onlyUser is not null)
        {
            users = users.Where(u => u.Id == onlyUser);
            apprentices = apprentices.Where(a => a.UserId == onlyUser);
        }
        else if (onlyApprentice is { } apprenticeId)
        {
            users = users.Where(u => false);
            apprentices = apprentices.Where(a => a.Id == apprenticeId);
        }

        var userRows = await users.Select(u => new { u.Id, u.Email, u.CreatedAt, u.DisabledAt, u.OrganisationId }).ToListAsync(cancellationToken);
        var apprenticeRows = await apprentices.Select(a => new { a.Id, a.UserId, a.Email, a.StartDate }).ToListAsync(cancellationToken);
        var adminRoleId = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var admins = (await db.UserRoles.AsNoTracking().Where(r => r.RoleId == adminRoleId).Select(r => r.UserId).ToListAsync(cancellationToken)).ToHashSet();
        var lastActions = await db.AuditEntries.AsNoTracking().GroupBy(a => a.ActorId).Select(g => new { g.Key, Last = g.Max(a => a.At) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);

        PersonRetentionFacts Facts(string? userId, int? apprenticeId, string? email, DateTimeOffset since, int? organisationId, DateTimeOffset? disabledAt)
        {
            var related = caseLinks.Where(c => (apprenticeId is not null && c.ApprenticeId == apprenticeId)
                    || (userId is not null && c.AssessorId == userId)
                    || (organisationId is not null && c.OrganisationId == organisationId))
                .Select(c => byCase[c.Id]).ToList();
            var last = since;
            foreach (var moment in new[] { disabledAt, userId is not null && lastActions.TryGetValue(userId, out var acted) ? acted : (DateTimeOffset?)null }
                         .Concat(related.Select(c => RetentionPolicy.ClosedAt(c, now))))
            {
                if (moment is { } m && m > last)
                {
                    last = m;
                }
            }

            return new PersonRetentionFacts(userId, apprenticeId,
                HasOpenCase: related.Any(c => RetentionPolicy.ClosedAt(c, now) is null),
                HasCaseOnLegalHold: related.Any(c => c.OnLegalHold),
                IsEnabledAdmin: userId is not null && admins.Contains(userId) && disabledAt is null,
                AlreadyAnonymised: PersonAnonymiser.IsAnonymised(email),
                LastActivityAt: last);
        }

        var people = new List<Person>();
        var apprenticeByUser = apprenticeRows.Where(a => a.UserId is not null).ToDictionary(a => a.UserId!);
        foreach (var user in userRows)
        {
            var apprentice = apprenticeByUser.GetValueOrDefault(user.Id);
            var facts = Facts(user.Id, apprentice?.Id, user.Email, user.CreatedAt, user.OrganisationId, user.DisabledAt);
            if (apprentice is not null && !PersonAnonymiser.IsAnonymised(apprentice.Email))
            {
                facts = facts with { AlreadyAnonymised = false };
            }

            people.Add(new Person(facts, PersonKey(user.Id, null)));
        }

        foreach (var apprentice in apprenticeRows.Where(a => a.UserId is null))
        {
            // With no account, the record's life starts with its first case (or the apprenticeship, if it has none).
            var created = caseLinks.Where(c => c.ApprenticeId == apprentice.Id).Select(c => (DateTimeOffset?)c.CreatedAt).Min()
                ?? new DateTimeOffset(apprentice.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            people.Add(new Person(Facts(null, apprentice.Id, apprentice.Email, created, null, null), PersonKey(null, apprentice.Id)));
        }

        return people;
    }

    private static string Trim(string text) => text.Length > 20_000 ? text[..20_000] : text;
}
