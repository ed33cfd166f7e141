using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Data;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Records;

/// <summary>
/// One kind of record in a subject access export. Each kind the portal holds about people has one exporter
/// (account, apprentice record, cases, evidence, ...); a feature that adds personal data adds an exporter and
/// registers it (<see cref="RecordsSetup"/>), and the export, its redaction and its tests pick it up.
/// </summary>
public interface ISubjectDataExporter
{
    /// <summary>The section's name in the export's JSON ("account", "evidence", ...).</summary>
    string Section { get; }

    /// <summary>Where the section comes in the JSON (smaller first).</summary>
    int Order { get; }

    /// <summary>The section's content (null or an empty array when the person has none), read for <paramref name="context"/>'s person.</summary>
    Task<JsonNode?> ExportAsync(SubjectExportContext context, CancellationToken cancellationToken);
}

/// <summary>The person an export is about, as the portal knows them.</summary>
public sealed record SubjectProfile(string? UserId, int? ApprenticeId, string Name, string? Email, string? Phone, string? Uln, IReadOnlyList<string> ApprenticeNames, string? ApprenticeEmail, IReadOnlyList<int> OwnCaseIds);

/// <summary>A file that goes into the ZIP (the person's own): where, and what the chain says it must hash to.</summary>
public sealed record ExportFile(Guid FileId, string StorageKey, string Sha256, long SizeBytes, string Folder, string OriginalName);

/// <summary>Something the export deliberately leaves out, and why (listed in the JSON and the README).</summary>
public sealed record WithheldItem(string What, string Reason);

/// <summary>
/// What exporters share while one export is made: the person, the files to add, what is withheld, and the other people met on the way (whose names, e-mail addresses,
/// ids and ULNs are then redacted from every text of the export).
/// </summary>
public sealed class SubjectExportContext(PortalDbContext db, SubjectProfile subject, DateTimeOffset now)
{
    private readonly List<ExportFile> _files = [];
    private readonly List<WithheldItem> _withheld = [];
    private readonly HashSet<string> _people = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<int> _cases = [];

    public PortalDbContext Db { get; } = db;

    public SubjectProfile Subject { get; } = subject;

    public DateTimeOffset Now { get; } = now;

    public IReadOnlyList<ExportFile> Files => _files;

    public IReadOnlyList<WithheldItem> Withheld => _withheld;

    /// <summary>Account ids met in the records (their owners' names are redacted unless it is the subject).</summary>
    public IReadOnlyCollection<string> People => _people;

    /// <summary>Names typed into records that are not accounts (a referee, a signatory).</summary>
    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Cases met in the records that are not the subject's own (their apprentices' details are redacted).</summary>
    public IReadOnlyCollection<int> OtherCases => _cases;

    public void AddFile(ExportFile file)
    {
        if (_files.All(f => f.FileId != file.FileId))
        {
            _files.Add(file);
        }
    }

    public void Withhold(string what, string reason) => _withheld.Add(new WithheldItem(what, reason));

    public void Mention(string? userId)
    {
        if (!string.IsNullOrEmpty(userId) && userId != Subject.UserId && userId != Actor.System.UserId)
        {
            _people.Add(userId);
        }
    }

    public void MentionName(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            _names.Add(name.Trim());
        }
    }

    public void MentionCase(int? caseId)
    {
        if (caseId is { } id && !Subject.OwnCaseIds.Contains(id))
        {
            _cases.Add(id);
        }
    }

    /// <summary>The section's rows as JSON (camelCase, dates as ISO 8601 with offset).</summary>
    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, SubjectAccessExporter.Json);
}

/// <summary>The reasons the export gives for what it leaves out.</summary>
public static class WithheldReasons
{
    public const string ConfidentialNotes = "exemption: exam scripts and marks / confidential assessment notes";
    public const string NotReleased = "the result has not been released yet (assessment in progress)";
    public const string DraftReference = "a draft the employer has not submitted";
    public const string ThirdParty = "about other people (third-party personal data)";
    public const string Purged = "removed at the end of its retention period";
}

/// <summary>Settings of subject access exports and the records jobs.</summary>
public sealed class RecordsOptions
{
    public const string Section = "Records";

    /// <summary>The background jobs (exports, verification, retention) run in this process.</summary>
    public bool JobsEnabled { get; set; } = true;

    /// <summary>How often an instance looks for queued exports, verifications and retention work.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>A ready export is deleted unread after this many days.</summary>
    public int ExportKeepDays { get; set; } = 7;

    /// <summary>The largest export (person.json and files together).</summary>
    public long ExportMaxBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>
    /// Off (the default): a dry-run report is removed only after an admin approves it (domain.md section 10: an
    /// admin action). On: the daily job approves the previous day's report itself, so admins have a day to read it
    /// and place a legal hold.
    /// </summary>
    public bool AutoApprovePurge { get; set; }
}

/// <summary>
/// Makes a subject access export: runs every exporter for the person, redacts other people's personal data
/// from every text, writes a ZIP (README.txt, person.json and the person's own files, each checked against
/// its SHA-256 as it is read) into the evidence store, and marks the export ready to download once.
/// </summary>
public sealed partial class SubjectAccessExporter(
    PortalDbContext db,
    IEnumerable<ISubjectDataExporter> exporters,
    IEvidenceStore store,
    TimeProvider clock,
    IOptions<RecordsOptions> options,
    ILogger<SubjectAccessExporter> logger)
{
    public const string ExportReady = "SubjectAccessExportReady";
    public const string ExportFailed = "SubjectAccessExportFailed";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task GenerateAsync(int exportId, CancellationToken cancellationToken)
    {
        var export = await db.SubjectAccessExports.SingleAsync(e => e.Id == exportId, cancellationToken);
        if (export.Status != ExportStatus.Queued)
        {
            return;
        }

        var now = clock.GetUtcNow();
        try
        {
            var subject = await ProfileAsync(export.SubjectUserId, export.SubjectApprenticeId, cancellationToken);
            var context = new SubjectExportContext(db, subject, now);
            var sections = new JsonObject();
            var counts = new List<string>();
            foreach (var exporter in exporters.OrderBy(e => e.Order))
            {
                var node = await exporter.ExportAsync(context, cancellationToken);
                sections[exporter.Section] = node;
                var count = node switch { JsonArray array => array.Count, null => 0, _ => 1 };
                if (count > 0)
                {
                    counts.Add(string.Create(CultureInfo.InvariantCulture, $"{exporter.Section} {count}"));
                }
            }

            var redactor = await RedactorAsync(context, cancellationToken);
            var document = new JsonObject
            {
                ["about"] = "Everything the end-point assessment portal holds about this person, made for a subject access request. Other people's personal data is replaced by " + Redactor.Mark + ".",
                ["exportedAt"] = now.ToString("O", CultureInfo.InvariantCulture),
                ["subject"] = SubjectExportContext.ToNode(new { accountId = subject.UserId, apprenticeId = subject.ApprenticeId, name = subject.Name, email = subject.Email, uln = subject.Uln }),
                ["sections"] = sections,
                ["withheld"] = SubjectExportContext.ToNode(context.Withheld),
                ["files"] = SubjectExportContext.ToNode(context.Files.Select(f => new { path = PathOf(f, redactor), fileId = f.FileId, sha256 = f.Sha256, sizeBytes = f.SizeBytes })),
            };
            Redact(document, redactor);

            var (key, sha, size) = await WriteZipAsync(document, context, redactor, cancellationToken);
            counts.Add(string.Create(CultureInfo.InvariantCulture, $"files {context.Files.Count}"));
            var summary = string.Join(", ", counts);
            export.MarkReady(key, sha, size, summary, clock.GetUtcNow(), clock.GetUtcNow().AddDays(Math.Max(1, options.Value.ExportKeepDays)));
            db.AuditEntries.Add(AuditEntry.BySystem(clock.GetUtcNow(), ExportReady, null, string.Create(CultureInfo.InvariantCulture, $"Subject access export {export.Id} for {Describe(export)} is ready ({size} bytes, SHA-256 {sha}; {summary}; withheld: {context.Withheld.Count})")));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Subject access export {Export} failed.", exportId);
            db.ChangeTracker.Clear();
            var failed = await db.SubjectAccessExports.SingleAsync(e => e.Id == exportId, CancellationToken.None);
            failed.MarkFailed("The export could not be made: " + ex.Message);
            db.AuditEntries.Add(AuditEntry.BySystem(clock.GetUtcNow(), ExportFailed, null, string.Create(CultureInfo.InvariantCulture, $"Subject access export {exportId} failed")));
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>"account X / apprentice record N": ids, never the name (the audit log outlives the person's data).</summary>
    public static string Describe(SubjectAccessExport export) =>
        export.SubjectUserId is { } user
            ? "account " + user + (export.SubjectApprenticeId is { } a ? string.Create(CultureInfo.InvariantCulture, $" (apprentice record {a})") : string.Empty)
            : string.Create(CultureInfo.InvariantCulture, $"apprentice record {export.SubjectApprenticeId}");

    /// <summary>Who the person is: their account and/or apprentice record, and their own cases.</summary>
    public async Task<SubjectProfile> ProfileAsync(string? userId, int? apprenticeId, CancellationToken cancellationToken)
    {
        var user = userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.PhoneNumber }).SingleOrDefaultAsync(cancellationToken);
        var apprentice = await db.Apprentices.AsNoTracking()
            .Where(a => (apprenticeId != null && a.Id == apprenticeId) || (userId != null && a.UserId == userId))
            .Select(a => new { a.Id, a.GivenNames, a.FamilyName, a.Email, a.Uln, a.UserId })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null && apprentice is null)
        {
            throw new InvalidOperationException("The person was not found.");
        }

        if (user is null && apprentice?.UserId is { } linked)
        {
            user = await db.Users.AsNoTracking().Where(u => u.Id == linked).Select(u => new { u.Id, u.DisplayName, u.Email, u.PhoneNumber }).SingleOrDefaultAsync(cancellationToken);
        }

        var cases = apprentice is null ? [] : await db.Cases.AsNoTracking().Where(c => c.ApprenticeId == apprentice.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var names = apprentice is null ? [] : new List<string> { $"{apprentice.GivenNames} {apprentice.FamilyName}", apprentice.GivenNames, apprentice.FamilyName };
        return new SubjectProfile(user?.Id, apprentice?.Id, user?.DisplayName ?? $"{apprentice!.GivenNames} {apprentice.FamilyName}", user?.Email ?? apprentice?.Email,
            user?.PhoneNumber, apprentice?.Uln.Trim(), names, apprentice?.Email, cases);
    }

    /// <summary>
    /// The redactor for this export: the subject's own details are kept; the names, e-mail addresses, ids and
    /// ULNs of everyone else met (accounts named by id in records or texts, apprentices of other cases, typed
    /// names such as a referee's) are replaced.
    /// </summary>
    private async Task<Redactor> RedactorAsync(SubjectExportContext context, CancellationToken cancellationToken)
    {
        var subject = context.Subject;
        var ids = context.People.ToHashSet(StringComparer.Ordinal);
        var others = new List<string?>();
        others.AddRange(context.Names);

        var people = ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.PhoneNumber }).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            others.AddRange([person.Id, person.DisplayName, person.Email, person.PhoneNumber]);
        }

        var caseIds = context.OtherCases.ToList();
        var apprentices = caseIds.Count == 0 ? [] : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Apprentice!.GivenNames, c.Apprentice.FamilyName, c.Apprentice.Email, c.Apprentice.Uln }).ToListAsync(cancellationToken);
        foreach (var apprentice in apprentices)
        {
            others.AddRange([$"{apprentice.GivenNames} {apprentice.FamilyName}", apprentice.FamilyName, apprentice.Email, apprentice.Uln.Trim()]);
        }

        var own = new List<string?> { subject.UserId, subject.Name, subject.Email, subject.Phone, subject.Uln, subject.ApprenticeEmail };
        own.AddRange(subject.ApprenticeNames);
        own.AddRange(context.Files.Select(f => f.FileId.ToString()));
        own.AddRange(context.Files.Select(f => f.FileId.ToString().ToUpperInvariant()));
        return new Redactor(others, own);
    }

    private static void Redact(JsonNode? node, Redactor redactor)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[key] = redactor.Redact(text);
                    }
                    else
                    {
                        Redact(child, redactor);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = redactor.Redact(text);
                    }
                    else
                    {
                        Redact(array[i], redactor);
                    }
                }

                break;
        }
    }

    private static string PathOf(ExportFile file, Redactor redactor)
    {
        var name = SafeName().Replace(redactor.Redact(file.OriginalName) ?? "file", "_");
        return $"files/{file.Folder}/{file.FileId:N}-{(name.Length > 80 ? name[^80..] : name)}";
    }

    private async Task<(string Key, string Sha256, long Size)> WriteZipAsync(JsonObject document, SubjectExportContext context, Redactor redactor, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"epaportal-export-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
                await WriteEntryAsync(zip, "README.txt", Readme(context), cancellationToken);
                await WriteEntryAsync(zip, "person.json", document.ToJsonString(Json), cancellationToken);
                foreach (var file in context.Files)
                {
                    await using var read = await store.OpenVerifiedAsync(file.StorageKey, file.Sha256, cancellationToken);
                    if (read.Status != StoredFileReadStatus.Ok)
                    {
                        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                            $"file {file.FileId} could not be read back intact ({read.Status}): run the audit verification"));
                    }

                    var entry = zip.CreateEntry(PathOf(file, redactor), CompressionLevel.Optimal);
                    await using var target = await entry.OpenAsync(cancellationToken);
                    await read.Content!.CopyToAsync(target, cancellationToken);
                }
            }

            await using var zipped = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using var staged = await store.StageAsync(zipped, options.Value.ExportMaxBytes, cancellationToken);
            if (staged.TooLarge)
            {
                throw new InvalidOperationException("the export is larger than Records:ExportMaxBytes");
            }

            var key = await store.CommitAsync(staged, cancellationToken);
            return (key, staged.Sha256, staged.Length);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, string text, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken);
    }

    private static string Readme(SubjectExportContext context)
    {
        var text = new StringBuilder();
        text.AppendLine("Subject access export from the end-point assessment portal");
        text.AppendLine("=========================================================");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Made on {context.Now.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture)}.");
        text.AppendLine();
        text.AppendLine("person.json holds everything the portal records about this person, one section per kind of record:");
        text.AppendLine("the account, the apprentice record, cases, evidence, the project, employer references, released results,");
        text.AppendLine("appeals, interviews, audit log entries, privacy requests and e-mails. files/ holds the person's own");
        text.AppendLine("evidence, project and gateway files, each checked against the SHA-256 recorded when it was uploaded.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Other people's names, e-mail addresses, account ids and ULNs are replaced by {Redactor.Mark}.");
        text.AppendLine();
        if (context.Withheld.Count > 0)
        {
            text.AppendLine("Withheld, and why:");
            foreach (var item in context.Withheld)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {item.What}: {item.Reason}");
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"[^A-Za-z0-9._ -]", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
