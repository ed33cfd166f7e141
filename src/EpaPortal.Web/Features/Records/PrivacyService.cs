using System.Globalization;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Admin;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Records;

/// <summary>A person's own requests to correct or erase their data (/account/privacy).</summary>
public sealed class PrivacyService(PortalDbContext db, CurrentUser current, AuditLog audit, TimeProvider clock)
{
    public const string RequestMade = "PrivacyRequestMade";

    public async Task<MyPrivacyViewModel> MineAsync(PrivacyRequestInput? input, IReadOnlyList<string> problems, CancellationToken cancellationToken) =>
        new(await PrivacyAdminService.Rows(db.PrivacyRequests.AsNoTracking().Where(r => r.UserId == current.Id).OrderByDescending(r => r.CreatedAt)).ToListAsync(cancellationToken),
            input ?? new PrivacyRequestInput(), problems);

    public async Task<IReadOnlyList<string>> AskAsync(PrivacyRequestInput input, CancellationToken cancellationToken)
    {
        if (await db.PrivacyRequests.CountAsync(r => r.UserId == current.Id && r.Status == PrivacyRequestStatus.Open, cancellationToken) >= 5)
        {
            return ["You already have five requests waiting for a decision. The admins will answer them first."];
        }

        var now = clock.GetUtcNow();
        var request = new PrivacyRequest(current.Id, current.DisplayName, input.Kind!.Value, input.Details!, now);
        db.PrivacyRequests.Add(request);
        audit.Add(RequestMade, null, $"Asked for {PrivacyRequest.Describe(input.Kind.Value).ToLowerInvariant()} of their data");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }
}

/// <summary>
/// The admins' side of privacy: deciding correction and erasure requests (and carrying out what is decided,
/// within the retention rules), and subject access exports (queued, downloaded once).
/// </summary>
public sealed class PrivacyAdminService(PortalDbContext db, CurrentUser current, AuditLog audit, PersonAnonymiser anonymiser, RetentionService retention, IEvidenceStore store, TimeProvider clock)
{
    public const string RequestDecided = "PrivacyRequestDecided";
    public const string ExportRequested = "SubjectAccessExportRequested";
    public const string ExportDownloaded = "SubjectAccessExportDownloaded";

    public static IQueryable<PrivacyRequestRow> Rows(IQueryable<PrivacyRequest> requests) =>
        requests.Select(r => new PrivacyRequestRow(r.Id, r.UserId, r.RequesterName, r.Kind, r.Details, r.CreatedAt, r.Status, r.DecidedByName, r.DecidedAt, r.DecisionReason, r.Outcome));

    public async Task<PrivacyRequestsViewModel> RequestsAsync(CancellationToken cancellationToken)
    {
        var open = await Rows(db.PrivacyRequests.AsNoTracking().Where(r => r.Status == PrivacyRequestStatus.Open).OrderBy(r => r.CreatedAt).Take(100)).ToListAsync(cancellationToken);
        var decided = await Rows(db.PrivacyRequests.AsNoTracking().Where(r => r.Status != PrivacyRequestStatus.Open).OrderByDescending(r => r.DecidedAt).Take(50)).ToListAsync(cancellationToken);
        return new PrivacyRequestsViewModel(open, decided);
    }

    public async Task<PrivacyRequestViewModel?> RequestAsync(int id, DecisionInput? input, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var request = await Rows(db.PrivacyRequests.AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return null;
        }

        var person = await PersonAsync(request.UserId, cancellationToken);
        input ??= new DecisionInput
        {
            DisplayName = person?.Name,
            GivenNames = person?.GivenNames,
            FamilyName = person?.FamilyName,
            DateOfBirth = person?.DateOfBirth,
            PostalAddress = person?.PostalAddress,
        };
        return new PrivacyRequestViewModel(request, person, input, problems);
    }

    /// <summary>The requester as the portal holds them, and what the retention rules keep (and until when).</summary>
    private async Task<PersonRecord?> PersonAsync(string userId, CancellationToken cancellationToken)
    {
        // Three commands (the page's budget is five): the person with their apprentice record, the schedule,
        // and the facts of every case they are the apprentice or the assessor of.
        var found = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                Apprentice = db.Apprentices.Where(a => a.UserId == u.Id)
                    .Select(a => new { a.Id, a.GivenNames, a.FamilyName, a.DateOfBirth, a.PostalAddress }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var user = found;
        var apprentice = found.Apprentice;
        var apprenticeId = apprentice?.Id;
        var now = clock.GetUtcNow();
        var schedule = await retention.ScheduleAsync(cancellationToken);
        var cases = await CaseRetentionQueries.Facts(db, db.Cases.AsNoTracking().Where(c => (apprenticeId != null && c.ApprenticeId == apprenticeId) || c.AssessorId == userId))
            .ToListAsync(cancellationToken);

        var kept = new List<string>();
        foreach (var facts in cases.DistinctBy(c => c.CaseId))
        {
            var decision = RetentionPolicy.ForCase(RetentionSchedule.For(schedule, DataClass.EvidenceFiles), facts, now);
            kept.Add(decision.DueAt is { } due
                ? string.Create(CultureInfo.InvariantCulture, $"Case {facts.CaseId}: the assessment record is kept until {UkDate(due)} ({RetentionDecision.Describe(decision.Status)})")
                : string.Create(CultureInfo.InvariantCulture, $"Case {facts.CaseId}: the assessment record is kept ({RetentionDecision.Describe(decision.Status)})"));
        }

        return new PersonRecord(user.Id, user.DisplayName, user.Email ?? string.Empty, apprentice?.Id, apprentice?.GivenNames, apprentice?.FamilyName, apprentice?.DateOfBirth,
            apprentice?.PostalAddress,
            HasOpenCase: cases.Any(c => RetentionPolicy.ClosedAt(c, now) is null),
            HasCaseOnLegalHold: cases.Any(c => c.OnLegalHold),
            IsAnonymised: PersonAnonymiser.IsAnonymised(user.Email),
            kept);
    }

    private static string UkDate(DateTimeOffset at) => at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// Decides the request and carries out what was granted. A correction changes the fields given (audited
    /// by name, not value). An erasure anonymises the account and apprentice record when the person has no open
    /// case and no legal hold; the assessment record itself stays until the retention schedule removes it (the
    /// decision says until when), so a grant is usually partial.
    /// </summary>
    public async Task<IReadOnlyList<string>> DecideAsync(int id, DecisionInput input, CancellationToken cancellationToken)
    {
        var request = await db.PrivacyRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return ["The request was not found."];
        }

        if (!request.IsOpen)
        {
            return ["This request has already been decided."];
        }

        var person = await PersonAsync(request.UserId, cancellationToken);
        var now = clock.GetUtcNow();
        string outcome;
        var status = PrivacyRequestStatus.Refused;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (input.Choice == DecisionChoice.Refuse || person is null)
        {
            outcome = person is null ? "Nothing was changed: the account no longer exists." : "Nothing was changed.";
        }
        else if (request.Kind == PrivacyRequestKind.Rectification)
        {
            var changed = await CorrectAsync(person, input, cancellationToken);
            if (changed.Count == 0)
            {
                return ["Change at least one of the details to grant a correction, or refuse the request with the reason."];
            }

            outcome = "Corrected: " + string.Join(", ", changed) + ".";
            status = PrivacyRequestStatus.Granted;
        }
        else if (person.HasOpenCase || person.HasCaseOnLegalHold)
        {
            return [person.HasCaseOnLegalHold
                ? "The person has a case under a legal hold: nothing can be erased now. Refuse the request with the reason."
                : "The person has an open case: the account and the record are needed to finish the assessment. Refuse the request (or grant it once the case has closed)."];
        }
        else
        {
            var done = await anonymiser.AnonymiseAsync(person.UserId, person.ApprenticeId, now, cancellationToken);
            var kept = person.KeptUntil.Count == 0 ? string.Empty : " Kept by the retention schedule: " + string.Join("; ", person.KeptUntil) + ".";
            outcome = $"Erased: {done}.{kept}";
            status = person.KeptUntil.Count == 0 ? PrivacyRequestStatus.Granted : PrivacyRequestStatus.PartlyGranted;
        }

        request.Decide(status, input.Reason!, outcome.Length > FieldLengths.Description ? outcome[..FieldLengths.Description] : outcome, current.Id, current.DisplayName, now);
        audit.Add(RequestDecided, null, string.Create(CultureInfo.InvariantCulture, $"{PrivacyRequest.Describe(request.Kind)} request {request.Id} of account {request.UserId}: {PrivacyRequest.Describe(status)}. {outcome}"), input.Reason!.Trim());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>Applies the corrections that differ from what is held; returns the names of the fields changed.</summary>
    private async Task<List<string>> CorrectAsync(PersonRecord person, DecisionInput input, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        var user = await db.Users.SingleAsync(u => u.Id == person.UserId, cancellationToken);
        if (!string.IsNullOrWhiteSpace(input.DisplayName) && input.DisplayName.Trim() != user.DisplayName)
        {
            user.DisplayName = input.DisplayName.Trim();
            changed.Add("name");
        }

        if (person.ApprenticeId is { } apprenticeId)
        {
            var apprentice = await db.Apprentices.SingleAsync(a => a.Id == apprenticeId, cancellationToken);
            if (!string.IsNullOrWhiteSpace(input.GivenNames) && input.GivenNames.Trim() != apprentice.GivenNames)
            {
                apprentice.GivenNames = input.GivenNames.Trim();
                changed.Add("given names");
            }

            if (!string.IsNullOrWhiteSpace(input.FamilyName) && input.FamilyName.Trim() != apprentice.FamilyName)
            {
                apprentice.FamilyName = input.FamilyName.Trim();
                changed.Add("family name");
            }

            if (input.DateOfBirth is { } born && born != apprentice.DateOfBirth)
            {
                apprentice.DateOfBirth = born;
                changed.Add("date of birth");
            }

            var address = string.IsNullOrWhiteSpace(input.PostalAddress) ? null : input.PostalAddress.Trim();
            if (address is not null && address != apprentice.PostalAddress)
            {
                apprentice.PostalAddress = address;
                changed.Add("postal address");
            }
        }

        return changed;
    }

    // ---- Subject access exports ----

    public async Task<ExportsViewModel> ExportsAsync(string? query, CancellationToken cancellationToken)
    {
        var matches = new List<PersonOption>();
        var text = query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var like = SearchText.Contains(text);
            matches.AddRange(await db.Users.AsNoTracking()
                .Where(u => EF.Functions.Like(u.DisplayName, like, "\\") || EF.Functions.Like(u.Email!, like, "\\"))
                .OrderBy(u => u.DisplayName).Take(20)
                .Select(u => new PersonOption(u.Id, null, u.DisplayName, u.Email ?? string.Empty, "account"))
                .ToListAsync(cancellationToken));
            matches.AddRange(await db.Apprentices.AsNoTracking()
                .Where(a => a.UserId == null && (EF.Functions.Like(a.GivenNames + " " + a.FamilyName, like, "\\") || EF.Functions.Like(a.Email, like, "\\") || a.Uln == text))
                .OrderBy(a => a.FamilyName).Take(20)
                .Select(a => new PersonOption(null, a.Id, a.GivenNames + " " + a.FamilyName, a.Email, "apprentice record without an account"))
                .ToListAsync(cancellationToken));
        }

        var exports = await ExportRows(db.SubjectAccessExports.AsNoTracking().OrderByDescending(e => e.Id).Take(50)).ToListAsync(cancellationToken);
        return new ExportsViewModel(text, matches, exports);
    }

    private static IQueryable<ExportRow> ExportRows(IQueryable<SubjectAccessExport> exports) =>
        exports.Select(e => new ExportRow(e.Id, e.SubjectName, e.RequestedByName, e.RequestedAt, e.Status, e.SizeBytes, e.Summary,
            e.ExpiresAt, e.DownloadedAt, e.DownloadedByName, e.Problem));

    public async Task<PersonOption?> PersonOptionAsync(string? userId, int? apprenticeId, CancellationToken cancellationToken) =>
        userId is not null
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new PersonOption(u.Id, null, u.DisplayName, u.Email ?? string.Empty, "account")).SingleOrDefaultAsync(cancellationToken)
            : apprenticeId is { } id
                ? await db.Apprentices.AsNoTracking().Where(a => a.Id == id)
                    .Select(a => new PersonOption(a.UserId, a.Id, a.GivenNames + " " + a.FamilyName, a.Email, a.UserId == null ? "apprentice record without an account" : "apprentice")).SingleOrDefaultAsync(cancellationToken)
                : null;

    public async Task<int?> RequestExportAsync(ExportInput input, CancellationToken cancellationToken)
    {
        var person = await PersonOptionAsync(input.UserId, input.ApprenticeId, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var export = new SubjectAccessExport(person.UserId, person.ApprenticeId, person.Name, current.Id, current.DisplayName, now);
        db.SubjectAccessExports.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(ExportRequested, null, $"Asked for subject access export {export.Id} for {SubjectAccessExporter.Describe(export)}");
        await db.SaveChangesAsync(cancellationToken);
        return export.Id;
    }

    /// <summary>
    /// Hands the export over once: it is marked downloaded (and audited) before the bytes go out, and its file
    /// is deleted when the response ends (or by the records job). Null when it cannot be downloaded (any more).
    /// </summary>
    public async Task<(StoredFileRead Read, string FileName, string StorageKey)?> DownloadAsync(int id, CancellationToken cancellationToken)
    {
        var export = await db.SubjectAccessExports.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        var now = clock.GetUtcNow();
        if (export is null || export.Status != ExportStatus.Ready || export.ExpiresAt <= now || export.StorageKey is null || export.Sha256 is null)
        {
            return null;
        }

        var read = await store.OpenVerifiedAsync(export.StorageKey, export.Sha256, cancellationToken);
        if (read.Status != StoredFileReadStatus.Ok)
        {
            await read.DisposeAsync();
            export.MarkFailed("The export's file could not be read back intact; ask for a new export.");
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        export.MarkDownloaded(current.DisplayName, now);
        audit.Add(ExportDownloaded, null, string.Create(CultureInfo.InvariantCulture, $"Downloaded subject access export {export.Id} for {SubjectAccessExporter.Describe(export)} ({export.SizeBytes} bytes, SHA-256 {export.Sha256}); the link no longer works"));
        await db.SaveChangesAsync(cancellationToken);
        return (read, string.Create(CultureInfo.InvariantCulture, $"subject-access-export-{export.Id}.zip"), export.StorageKey);
    }
}
