using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Standards;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>What a change to the portfolio came to.</summary>
public sealed record PortfolioResult(bool Succeeded, bool NotFound, IReadOnlyList<string> Problems)
{
    public static PortfolioResult Ok { get; } = new(true, false, []);

    public static PortfolioResult Missing { get; } = new(false, true, []);

    public static PortfolioResult Refused(params string[] problems) => new(false, false, problems);

    public static PortfolioResult Refused(IReadOnlyList<string> problems) => new(false, false, problems);
}

/// <summary>
/// The portfolio of one case: evidence items with their file versions and competency mappings, the
/// coverage grid, and the submission that locks it. Callers have already checked the user's relation to
/// the case; every change also checks the portfolio lock (the domain's rule).
/// </summary>
public sealed class PortfolioService(
    PortalDbContext db,
    CaseCommands commands,
    Notifier notifier,
    EvidenceFileCommitter committer,
    TimeProvider clock,
    CurrentUser user,
    CaseWorkflow workflow,
    IOptions<UploadOptions> uploadOptions,
    IValidator<EvidenceDetailsInput> detailsValidator,
    StandardVersionCache versions)
{
    public const string EvidenceUploaded = "EvidenceUploaded";
    public const string EvidenceReplaced = "EvidenceReplaced";
    public const string EvidenceEdited = "EvidenceEdited";
    public const string EvidenceMapped = "EvidenceMapped";
    public const string EvidenceRemoved = "EvidenceRemoved";
    public const string OwnWorkDeclared = "PortfolioOwnWorkDeclared";

    /// <summary>
    /// The whole portfolio page in two commands whatever its size: the case with its stored bytes and the
    /// current items with their files and mappings; the standard's competencies come from
    /// <see cref="StandardVersionCache"/> (reference data); the coverage grid, the
    /// status and the snapshot check are computed from them.
    /// </summary>
    public async Task<PortfolioViewModel?> GetAsync(int caseId, bool editable, IReadOnlyList<UploadOutcome> recentOutcomes, CancellationToken cancellationToken)
    {
        var header = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                Case = c,
                Name = c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName,
                Standard = c.StandardVersion!.Standard!.Reference,
                c.StandardVersion.Version,
                StoredBytes = db.StoredFiles.Where(f => f.CaseId == c.Id).Sum(f => f.SizeBytes),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (header is null)
        {
            return null;
        }

        var items = await CurrentItemsAsync(caseId, cancellationToken);
        var version = await versions.GetAsync(db, header.Case.StandardVersionId, cancellationToken);
        var competencies = CompetencyRows(version);
        var byId = competencies.ToDictionary(c => c.Id);
        var rows = items
            .OrderByDescending(i => i.WorkDate).ThenByDescending(i => i.Id)
            .Select(i => new EvidenceItemRow(i.Id, i.Title, i.Description, i.ProjectName, i.WorkDate, i.CurrentFileId, i.OriginalFileName, i.SizeBytes, i.Versions,
                i.CompetencyIds.Where(byId.ContainsKey).Select(id => byId[id]).OrderBy(c => c.Order).Select(c => c.Code).ToList()))
            .ToList();
        var status = Status(header.Case, header.Case.PortfolioSnapshotHash is null ? null : SnapshotHash(items));
        return new PortfolioViewModel(caseId, header.Name, DisplayNames.StandardVersion(header.Standard, header.Version), status, rows, Coverage(caseId, competencies, items), header.StoredBytes, uploadOptions.Value.QuotaBytesPerCase, recentOutcomes)
        {
            Editable = editable,
        };
    }

    public async Task<EvidenceItemViewModel?> GetItemAsync(int caseId, int itemId, CancellationToken cancellationToken)
    {
        // The item with its versions and mapped competencies in one command.
        var item = await db.EvidenceItems.AsNoTracking()
            .Where(e => e.Id == itemId && e.CaseId == caseId)
            .Select(e => new
            {
                e.Id,
                e.Title,
                e.Description,
                e.ProjectName,
                e.WorkDate,
                e.Version,
                e.RemovedAt,
                e.CurrentFileId,
                Versions = e.Versions.OrderByDescending(v => v.Number)
                    .Select(v => new EvidenceVersionRow(v.Number, v.FileId, v.File!.OriginalFileName, v.File.SizeBytes, v.File.Sha256, v.UploadedAt, false))
                    .ToList(),
                Mapped = (from mapping in e.Mappings
                          join competency in db.Competencies on mapping.CompetencyId equals competency.Id
                          orderby competency.Order
                          select new MappedCompetency(competency.Id, competency.Code, competency.Label))
                    .ToList(),
            })
            .AsSingleQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        var status = await StatusAsync(caseId, cancellationToken);
        return new EvidenceItemViewModel(
            caseId,
            item.Id,
            item.Title,
            item.Description,
            item.ProjectName,
            item.WorkDate,
            item.Version,
            status.Locked,
            status.LockMessage,
            item.RemovedAt,
            item.Versions.Select(v => v with { IsCurrent = v.FileId == item.CurrentFileId }).ToList(),
            item.Mapped);
    }

    /// <summary>Every competency and behaviour of the case's standard version with the evidence mapped to it (two commands).</summary>
    public async Task<CoverageViewModel> CoverageAsync(int caseId, CancellationToken cancellationToken)
    {
        var versionId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.StandardVersionId).SingleAsync(cancellationToken);
        var version = await versions.GetAsync(db, versionId, cancellationToken);
        return Coverage(caseId, CompetencyRows(version), await CurrentItemsAsync(caseId, cancellationToken));
    }

    /// <summary>The same for a case whose standard version is known: one command (the competencies come from the cache).</summary>
    public async Task<CoverageViewModel> CoverageAsync(int caseId, int standardVersionId, CancellationToken cancellationToken)
    {
        var version = await versions.GetAsync(db, standardVersionId, cancellationToken);
        var competencies = version.Competencies.OrderBy(c => c.Order)
            .Select(c => new CompetencyRow(c.Id, c.Code, c.Label, c.Description, c.Kind, c.AreaCode, c.Order))
            .ToList();
        return Coverage(caseId, competencies, await CurrentItemsAsync(caseId, cancellationToken));
    }

    public async Task<PortfolioStatus> StatusAsync(int caseId, CancellationToken cancellationToken)
    {
        var epaCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken);
        return Status(epaCase, epaCase.PortfolioSnapshotHash is null ? null : await SnapshotHashAsync(caseId, cancellationToken));
    }

    public Task<long> StoredBytesAsync(int caseId, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking().Where(f => f.CaseId == caseId).SumAsync(f => f.SizeBytes, cancellationToken);

    /// <summary>The upload target for new evidence items on this case.</summary>
    public async Task<IUploadTarget> NewItemsTargetAsync(int caseId, CancellationToken cancellationToken)
    {
        var remaining = uploadOptions.Value.QuotaBytesPerCase - await StoredBytesAsync(caseId, cancellationToken);
        var epaCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken);
        return new NewEvidenceTarget(this, caseId, remaining, LockMessage(epaCase));
    }

    /// <summary>The upload target that replaces one item's file, keeping the earlier versions.</summary>
    public async Task<IUploadTarget?> ReplaceTargetAsync(int caseId, int itemId, CancellationToken cancellationToken)
    {
        if (!await db.EvidenceItems.AnyAsync(e => e.Id == itemId && e.CaseId == caseId && e.RemovedAt == null, cancellationToken))
        {
            return null;
        }

        var remaining = uploadOptions.Value.QuotaBytesPerCase - await StoredBytesAsync(caseId, cancellationToken);
        var epaCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken);
        return new ReplaceEvidenceTarget(this, caseId, itemId, remaining, LockMessage(epaCase));
    }

    public async Task<PortfolioResult> UpdateDetailsAsync(int caseId, int itemId, EditEvidenceInput input, CancellationToken cancellationToken)
    {
        var (item, problem) = await EditableItemAsync(caseId, itemId, cancellationToken);
        if (item is null)
        {
            return problem ?? PortfolioResult.Missing;
        }

        db.Entry(item).Property(e => e.Version).OriginalValue = input.Version;
        item.Title = input.Title!.Trim();
        item.Description = input.Description!.Trim();
        item.ProjectName = input.ProjectName!.Trim();
        item.WorkDate = input.WorkDate!.Value;
        db.AuditEntries.Add(Audit(EvidenceEdited, caseId, $"Item {item.Id} '{item.Title}'"));
        return await SaveAsync(cancellationToken);
    }

    public async Task<MapEvidenceViewModel?> MappingFormAsync(int caseId, int itemId, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().Where(e => e.Id == itemId && e.CaseId == caseId && e.RemovedAt == null)
            .Select(e => new { e.Id, e.Title, e.Version, Selected = e.Mappings.Select(m => m.CompetencyId).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        var coverage = await CoverageAsync(caseId, cancellationToken);
        var options = coverage.Rows.Select(r => new MappingOption(r.CompetencyId, r.Code, r.Label, r.Description, r.Kind, item.Selected.Contains(r.CompetencyId))).ToList();
        return new MapEvidenceViewModel(item.Id, item.Title, item.Version, options, await CurrentLockAsync(caseId, cancellationToken));
    }

    public async Task<PortfolioResult> MapAsync(int caseId, int itemId, MapEvidenceInput input, CancellationToken cancellationToken)
    {
        var (item, problem) = await EditableItemAsync(caseId, itemId, cancellationToken);
        if (item is null)
        {
            return problem ?? PortfolioResult.Missing;
        }

        var versionId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.StandardVersionId).SingleAsync(cancellationToken);
        var valid = await db.Competencies.Where(c => c.StandardVersionId == versionId).Select(c => c.Id).ToListAsync(cancellationToken);
        var wanted = input.CompetencyIds.Distinct().ToList();
        if (wanted.Except(valid).Any())
        {
            return PortfolioResult.Refused("Choose competencies and behaviours of your standard only.");
        }

        db.Entry(item).Property(e => e.Version).OriginalValue = input.Version;
        item.MapTo(wanted);

        // A mapping change alone touches only child rows: mark the item so its version moves on too.
        db.Entry(item).Property(e => e.Title).IsModified = true;
        var codes = await db.Competencies.Where(c => wanted.Contains(c.Id)).OrderBy(c => c.Order).Select(c => c.Code).ToListAsync(cancellationToken);
        db.AuditEntries.Add(Audit(EvidenceMapped, caseId, $"Item {item.Id} '{item.Title}' → {(codes.Count == 0 ? "nothing" : string.Join(", ", codes))}"));
        return await SaveAsync(cancellationToken);
    }

    public async Task<PortfolioResult> RemoveAsync(int caseId, int itemId, CancellationToken cancellationToken)
    {
        var (item, problem) = await EditableItemAsync(caseId, itemId, cancellationToken);
        if (item is null)
        {
            return problem ?? PortfolioResult.Missing;
        }

        item.Remove(clock.GetUtcNow());
        db.AuditEntries.Add(Audit(EvidenceRemoved, caseId, $"Item {item.Id} '{item.Title}'"));
        return await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Submits the portfolio through the domain's case workflow with a hash of exactly what is submitted
    /// (items, current file hashes, mappings), which locks it for everyone.
    /// </summary>
    public async Task<PortfolioResult> SubmitAsync(CaseSnapshot snapshot, SubmitPortfolioInput input, CancellationToken cancellationToken)
    {
        var caseId = snapshot.Case.Id;
        var items = await CurrentItemsAsync(caseId, cancellationToken);
        var version = snapshot.Facts.StandardVersion;
        var coverage = Coverage(caseId, version.Competencies.OrderBy(c => c.Order).Select(c => new CompetencyRow(c.Id, c.Code, c.Label, c.Description, c.Kind, c.AreaCode, c.Order)).ToList(), items);
        if (coverage.GapCount > 0 && !input.ConfirmGaps)
        {
            return PortfolioResult.Refused($"{coverage.GapCount} competencies or behaviours have no evidence yet. Map evidence to them, or confirm that you want to submit anyway.");
        }

        var hash = SnapshotHash(items);
        var result = await commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            var outcome = workflow.SubmitPortfolio(epaCase, commands.Actor, facts, hash);
            if (outcome.Succeeded)
            {
                db.AuditEntries.Add(Audit(OwnWorkDeclared, caseId, $"Declared the portfolio ({facts.PortfolioItemCount} items, snapshot {hash}) to be their own work" + (coverage.GapCount > 0 ? $"; submitted with {coverage.GapCount} competencies uncovered, after a warning" : string.Empty)));

                // The employer is asked to confirm it is the apprentice's own work (saved with the submission).
                await notifier.PortfolioSubmittedAsync(caseId, cancellationToken);
            }

            return outcome;
        }, cancellationToken);
        return result.Succeeded ? PortfolioResult.Ok : result.NotFound ? PortfolioResult.Missing : PortfolioResult.Refused(result.Problems);
    }

    /// <summary>
    /// A SHA-256 over the portfolio as submitted: each item's id, details, current file (id and bytes' hash)
    /// and mapped competencies. Equal hashes mean the assessor sees exactly what was submitted.
    /// </summary>
    public Task<string> SnapshotHashAsync(int caseId, CancellationToken cancellationToken) =>
        SnapshotHashAsync(db, caseId, cancellationToken);

    /// <summary>The same hash for code outside a request (the demo scenarios submit portfolios with it).</summary>
    public static async Task<string> SnapshotHashAsync(PortalDbContext db, int caseId, CancellationToken cancellationToken) =>
        SnapshotHash(await CurrentItemsAsync(db, caseId, cancellationToken));

    private static string SnapshotHash(IEnumerable<CurrentItem> items)
    {
        var text = new StringBuilder();
        foreach (var item in items.OrderBy(i => i.Id))
        {
            text.Append(CultureInfo.InvariantCulture, $"{item.Id}\u001f{item.Title}\u001f{item.Description}\u001f{item.ProjectName}\u001f{item.WorkDate:yyyy-MM-dd}\u001f{item.CurrentFileId:N}\u001f{item.Sha256}\u001f{string.Join(',', item.CompetencyIds.Order())}\u001e");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The current (not removed) items with their file and mapped competency ids, in one command.</summary>
    private Task<List<CurrentItem>> CurrentItemsAsync(int caseId, CancellationToken cancellationToken) =>
        CurrentItemsAsync(db, caseId, cancellationToken);

    private static async Task<List<CurrentItem>> CurrentItemsAsync(PortalDbContext db, int caseId, CancellationToken cancellationToken) =>
        await db.EvidenceItems.AsNoTracking()
            .Where(e => e.CaseId == caseId && e.RemovedAt == null)
            .OrderBy(e => e.Id)
            .Select(e => new CurrentItem(e.Id, e.Title, e.Description, e.ProjectName, e.WorkDate, e.CurrentFileId, e.CurrentFile!.OriginalFileName, e.CurrentFile.SizeBytes, e.CurrentFile.Sha256,
                e.Versions.Count, e.Mappings.Select(m => m.CompetencyId).ToList()))
            .AsSingleQuery()
            .ToListAsync(cancellationToken);

    /// <summary>The version's competencies and behaviours in order, each with its grading area's name.</summary>
    private static List<CompetencyRow> CompetencyRows(StandardVersion version)
    {
        var areas = version.Areas.ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        return version.Competencies.OrderBy(c => c.Order)
            .Select(c => new CompetencyRow(c.Id, c.Code, c.Label, c.Description, c.Kind, areas.GetValueOrDefault(c.AreaCode, c.AreaCode), c.Order))
            .ToList();
    }

    private static CoverageViewModel Coverage(int caseId, IReadOnlyList<CompetencyRow> competencies, IReadOnlyList<CurrentItem> items)
    {
        var byCompetency = items.SelectMany(i => i.CompetencyIds.Select(id => (CompetencyId: id, Item: i))).ToLookup(m => m.CompetencyId);
        var rows = competencies
            .Select(c => new CoverageRow(
                c.Id, c.Code, c.Label, c.Description, c.Kind, c.AreaName,
                byCompetency[c.Id].OrderBy(m => m.Item.Id).Select(m => new CoverageEvidence(m.Item.Id, m.Item.Title)).ToList()))
            .ToList();
        return new CoverageViewModel(caseId, rows) { EvidenceCount = items.Count };
    }

    private static PortfolioStatus Status(EpaCase epaCase, string? currentHash)
    {
        bool? matches = epaCase.PortfolioSnapshotHash is { } hash ? string.Equals(hash, currentHash, StringComparison.Ordinal) : null;
        var confirmedBy = epaCase.PortfolioConfirmedByName is null ? null : $"{epaCase.PortfolioConfirmedByName}, {epaCase.PortfolioConfirmedByJobTitle}";
        return new PortfolioStatus(epaCase.IsPortfolioLocked, LockMessage(epaCase), epaCase.PortfolioSubmittedAt, epaCase.PortfolioSnapshotHash, matches, epaCase.PortfolioConfirmedAt, confirmedBy, epaCase.PortfolioReturnReason);
    }

    private async Task<(EvidenceItem? Item, PortfolioResult? Problem)> EditableItemAsync(int caseId, int itemId, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.Include(e => e.Mappings)
            .SingleOrDefaultAsync(e => e.Id == itemId && e.CaseId == caseId && e.RemovedAt == null, cancellationToken);
        if (item is null)
        {
            return (null, PortfolioResult.Missing);
        }

        var epaCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken);
        return LockMessage(epaCase) is { } locked ? (null, PortfolioResult.Refused(locked)) : (item, null);
    }

    private async Task<PortfolioResult> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return PortfolioResult.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return PortfolioResult.Refused("Someone else changed this while you were editing it (perhaps in another tab). Your change was not saved: check the current version below and try again.");
        }
    }

    private AuditEntry Audit(string action, int caseId, string details) =>
        new(clock.GetUtcNow(), user.Id, user.DisplayName, action, caseId, null, null, null, details);

    /// <summary>Why the portfolio cannot be changed now, or null when it can.</summary>
    private static string? LockMessage(EpaCase epaCase)
    {
        if (!epaCase.IsPortfolioLocked)
        {
            return null;
        }

        if (epaCase.IsOnHold)
        {
            return "The case is on hold: the portfolio cannot be changed.";
        }

        return epaCase.PortfolioSubmittedAt is { } submitted && epaCase.State is CaseState.Registered or CaseState.GatewayRejected
            ? $"The portfolio was submitted on {UkTime.DateTime(submitted)} and is locked: nobody can change it. Your employer can return it to you if something needs correcting."
            : "The gateway has been submitted: the portfolio is locked and can no longer be changed.";
    }

    private async Task<string?> CurrentLockAsync(int caseId, CancellationToken cancellationToken) =>
        LockMessage(await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken));

    private string? CheckDetails(IReadOnlyDictionary<string, string> fields, string? lockMessage)
    {
        if (lockMessage is not null)
        {
            return "could not be added because the portfolio is locked";
        }

        // The title may be blank (each file's name is used), so check the rest with a placeholder title.
        var details = EvidenceDetailsInput.FromFields(fields).WithTitleFrom("file");
        var result = detailsValidator.Validate(details);

        // A date of the work typed as day, month and year that is not a date: its own message, not "enter the date".
        var messages = details.WorkDateParts?.Error is { } dateError
            ? result.Errors.Where(e => e.PropertyName != nameof(EvidenceDetailsInput.WorkDate)).Select(e => e.ErrorMessage).Prepend(dateError + ".")
            : result.Errors.Select(e => e.ErrorMessage);
        return result.IsValid && details.WorkDateParts?.Error is null ? null : "was not uploaded because the details are incomplete: " + string.Join(" ", messages);
    }

    private async Task<UploadOutcome> AddItemAsync(int caseId, AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        if (await CurrentLockAsync(caseId, cancellationToken) is not null)
        {
            return UploadOutcome.Refused(file.FileName, "could not be added because the portfolio is locked");
        }

        var details = EvidenceDetailsInput.FromFields(fields).WithTitleFrom(file.FileName);
        var title = details.Title!.Trim();
        var now = clock.GetUtcNow();
        EvidenceItem? item = null;
        try
        {
            // A double-clicked (or resent) upload must not add the item twice: the check and the insert run in
            // one write transaction (SQLite: BEGIN IMMEDIATE; SQL Server: serializable), so parallel identical
            // posts are serialised and only the first is stored.
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
            if (await db.EvidenceItems.AsNoTracking()
                    .Where(e => e.CaseId == caseId && e.RemovedAt == null && e.Title == title && e.CurrentFile!.Sha256 == file.Staged.Sha256)
                    .Select(e => e.Title)
                    .FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                return UploadOutcome.Refused(file.FileName, $"is already in your portfolio as '{existing}' (the same file with the same title was uploaded twice)");
            }

            await committer.CommitAsync(file, caseId, FilePurpose.PortfolioEvidence, user.Id, now, stored =>
            {
                item = new EvidenceItem(caseId, title, details.Description!.Trim(), details.ProjectName!.Trim(), details.WorkDate!.Value, stored, now);
                db.EvidenceItems.Add(item);
                db.AuditEntries.Add(Audit(EvidenceUploaded, caseId, $"'{item.Title}': {stored.OriginalFileName} ({stored.SizeBytes} bytes, SHA-256 {stored.Sha256})").RecordsFile(stored));
            }, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            return UploadOutcome.Refused(file.FileName, "could not be saved; please try again");
        }

        return new UploadOutcome(file.FileName, true, $"{file.FileName} was uploaded as '{item!.Title}'.", item.Id, $"/apprentice/portfolio/items/{item.Id}");
    }

    private async Task<UploadOutcome> ReplaceItemFileAsync(int caseId, int itemId, AcceptedFile file, CancellationToken cancellationToken)
    {
        var (item, problem) = await EditableItemAsync(caseId, itemId, cancellationToken);
        if (item is null)
        {
            return UploadOutcome.Refused(file.FileName, "could not replace the file: " + (problem?.Problems is [var reason, ..] ? reason : "the item was not found"));
        }

        var now = clock.GetUtcNow();
        await db.Entry(item).Collection(e => e.Versions).LoadAsync(cancellationToken);
        try
        {
            await committer.CommitAsync(file, caseId, FilePurpose.PortfolioEvidence, user.Id, now, stored =>
            {
                item.ReplaceFile(stored, now);
                db.AuditEntries.Add(Audit(EvidenceReplaced, caseId, $"Item {item.Id} '{item.Title}' version {item.Versions.Count}: {stored.OriginalFileName} ({stored.SizeBytes} bytes, SHA-256 {stored.Sha256})").RecordsFile(stored));
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return UploadOutcome.Refused(file.FileName, "could not be saved; please try again");
        }

        return new UploadOutcome(file.FileName, true, $"{file.FileName} is now version {item.Versions.Count} of '{item.Title}'. Earlier versions are kept.", item.Id, $"/apprentice/portfolio/items/{item.Id}");
    }

    private sealed class NewEvidenceTarget(PortfolioService service, int caseId, long remaining, string? lockMessage) : IUploadTarget
    {
        public int CaseId => caseId;

        public long RemainingQuotaBytes => remaining;

        public string? CheckBeforeFile(IReadOnlyDictionary<string, string> fields) => service.CheckDetails(fields, lockMessage);

        public Task<UploadOutcome> AcceptAsync(AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
            service.AddItemAsync(caseId, file, fields, cancellationToken);
    }

    private sealed class ReplaceEvidenceTarget(PortfolioService service, int caseId, int itemId, long remaining, string? lockMessage) : IUploadTarget
    {
        private bool _replaced;

        public int CaseId => caseId;

        public long RemainingQuotaBytes => remaining;

        public string? CheckBeforeFile(IReadOnlyDictionary<string, string> fields) =>
            lockMessage is not null ? "could not replace the file because the portfolio is locked"
            : _replaced ? "was not used: a file can be replaced by one file at a time"
            : null;

        public async Task<UploadOutcome> AcceptAsync(AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
        {
            var outcome = await service.ReplaceItemFileAsync(caseId, itemId, file, cancellationToken);
            _replaced |= outcome.Accepted;
            return outcome;
        }
    }

    private sealed record CurrentItem(int Id, string Title, string Description, string ProjectName, DateOnly WorkDate, Guid CurrentFileId, string OriginalFileName, long SizeBytes, string Sha256, int Versions, List<int> CompetencyIds);

    private sealed record CompetencyRow(int Id, string Code, string Label, string Description, CompetencyKind Kind, string AreaName, int Order);
}
