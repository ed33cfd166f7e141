using System.Globalization;
using System.Net.Mail;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Admin;

/// <summary>
/// Imports apprentices from a CSV file, all or nothing: every row is checked first (ULN and its check
/// digit, duplicates in the file and in the portal, the organisation, the dates, the names and e-mail);
/// if any row is rejected nothing is imported and the report lists each rejected row with its line and
/// reasons. Otherwise every apprentice (and, if asked, their case) is saved in one transaction.
/// </summary>
public sealed class ApprenticeCsvImporter(PortalDbContext db, CaseWorkflow workflow, Notifier notifier, CurrentUser user, TimeProvider clock, IOptions<IdentifierOptions> identifiers, IOptions<AdminOptions> options)
{
    /// <summary>The columns, in any order; the header names are matched ignoring case, spaces and underscores.</summary>
    public static readonly IReadOnlyList<(string Name, bool Required, string Meaning)> Columns =
    [
        ("ULN", true, "Unique Learner Number: 10 digits with a valid check digit"),
        ("GivenNames", true, "given names"),
        ("FamilyName", true, "family name"),
        ("Email", true, "e-mail address"),
        ("Organisation", true, "the employer's name exactly as in the portal, or its number"),
        ("StartDate", true, "apprenticeship start date, dd/MM/yyyy"),
        ("DateOfBirth", false, "dd/MM/yyyy"),
        ("PostalAddress", false, "for the certificate"),
    ];

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy"];

    public async Task<ImportReport> ImportAsync(string text, int? registerCaseVersionId, CancellationToken cancellationToken)
    {
        var records = CsvReader.Parse(text);
        if (records.Count == 0)
        {
            return FileProblem("The file is empty.");
        }

        var header = records[0].Fields.Select(Normalise).ToList();
        var index = Columns.ToDictionary(c => c.Name, c => header.IndexOf(Normalise(c.Name)), StringComparer.Ordinal);
        var missing = Columns.Where(c => c.Required && index[c.Name] < 0).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            return FileProblem($"The first line must name the columns; missing: {string.Join(", ", missing)}.");
        }

        var rows = records.Skip(1).ToList();
        if (rows.Count == 0)
        {
            return FileProblem("The file has a header line but no apprentices.");
        }

        if (rows.Count > options.Value.MaxImportRows)
        {
            return FileProblem($"The file has {rows.Count} rows; import at most {options.Value.MaxImportRows} at a time.");
        }

        StandardVersionInfo? version = null;
        if (registerCaseVersionId is not null)
        {
            version = await db.StandardVersions.AsNoTracking().Where(v => v.Id == registerCaseVersionId && v.IsActive)
                .Select(v => new StandardVersionInfo(v.Id)).SingleOrDefaultAsync(cancellationToken);
            if (version is null)
            {
                return FileProblem("Choose an open standard version for the cases, or import without registering cases.");
            }
        }

        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var byName = organisations.GroupBy(o => o.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var ids = organisations.Select(o => o.Id).ToHashSet();
        var ulnsInFile = rows.Select(r => Field(r, index["ULN"]).Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var existing = (await db.Apprentices.AsNoTracking().Where(a => ulnsInFile.Contains(a.Uln)).Select(a => a.Uln).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var today = ApprenticeInputValidator.Today(clock);

        var firstLineOfUln = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejected = new List<ImportRejection>();
        var accepted = new List<Apprentice>();
        foreach (var row in rows)
        {
            var reasons = new List<string>();
            var uln = Field(row, index["ULN"]).Trim();
            if (Domain.Identifiers.Uln.Validate(uln, identifiers.Value.EnforceUlnChecksum) is { } ulnProblem)
            {
                reasons.Add(ulnProblem);
            }
            else if (existing.Contains(uln))
            {
                reasons.Add($"An apprentice with the ULN {uln} is already in the portal.");
            }
            else if (firstLineOfUln.TryGetValue(uln, out var earlier))
            {
                reasons.Add($"The ULN {uln} is also on line {earlier}.");
            }
            else
            {
                firstLineOfUln[uln] = row.Line;
            }

            var given = Required(row, index["GivenNames"], "given names", FieldLengths.Name, reasons);
            var family = Required(row, index["FamilyName"], "family name", FieldLengths.Name, reasons);
            var email = Required(row, index["Email"], "e-mail address", FieldLengths.Email, reasons);
            if (email.Length > 0 && !IsEmail(email))
            {
                reasons.Add($"'{email}' is not a valid e-mail address.");
            }

            var organisationText = Field(row, index["Organisation"]).Trim();
            int? organisationId = organisationText.Length == 0 ? null
                : int.TryParse(organisationText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ids.Contains(id) ? id
                : byName.TryGetValue(organisationText, out var named) ? named : null;
            if (organisationText.Length == 0)
            {
                reasons.Add("The organisation is missing.");
            }
            else if (organisationId is null)
            {
                reasons.Add($"No organisation '{organisationText}' is in the portal: add it first, or correct the name.");
            }

            var start = Date(row, index["StartDate"], "start date", required: true, reasons);
            if (start > today)
            {
                reasons.Add("The start date is in the future.");
            }

            var birth = Date(row, index["DateOfBirth"], "date of birth", required: false, reasons);
            var address = Field(row, index["PostalAddress"]).Trim();
            if (address.Length > FieldLengths.Address)
            {
                reasons.Add($"The postal address is longer than {FieldLengths.Address} characters.");
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new ImportRejection(row.Line, uln, reasons));
            }
            else
            {
                accepted.Add(new Apprentice(uln, given, family, email, organisationId!.Value, start!.Value)
                {
                    DateOfBirth = birth,
                    PostalAddress = address.Length == 0 ? null : address,
                });
            }
        }

        if (rejected.Count > 0)
        {
            return new ImportReport(rows.Count, 0, 0, rejected, []);
        }

        return await SaveAsync(accepted, version, cancellationToken);
    }

    private async Task<ImportReport> SaveAsync(List<Apprentice> apprentices, StandardVersionInfo? versionInfo, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Apprentices.AddRange(apprentices);
        await db.SaveChangesAsync(cancellationToken);

        var cases = 0;
        if (versionInfo is not null)
        {
            var version = await db.StandardVersions.Include(v => v.Standard).SingleAsync(v => v.Id == versionInfo.Id, cancellationToken);
            var registered = new List<(EpaCase Case, CaseAuditRecord Audit)>();
            foreach (var apprentice in apprentices)
            {
                var outcome = workflow.Register(apprentice, version, actor, identifiers.Value.EnforceUlnChecksum);
                if (!outcome.Succeeded)
                {
                    // Checked above; a refusal here means the rules changed under us: import nothing.
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return FileProblem($"Line for ULN {apprentice.Uln}: {string.Join(" ", outcome.Problems)}");
                }

                db.Cases.Add(outcome.Case!);
                registered.Add((outcome.Case!, outcome.Audit!));
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var (epaCase, audit) in registered)
            {
                db.AuditEntries.Add((audit with { CaseId = epaCase.Id }).ToAuditEntry());
                await notifier.ReferenceRequestedAsync(epaCase.Id, cancellationToken);
            }

            cases = registered.Count;
        }

        db.AuditEntries.Add(AuditEntry.Of(now, actor.UserId, actor.DisplayName, "ApprenticesImported", null, $"{DisplayNames.CountSentence(apprentices.Count, "apprentice")} imported from CSV{(cases > 0 ? $", {DisplayNames.Count(cases, "case")} registered" : null)}: ULN {string.Join(", ", apprentices.Select(a => a.Uln))}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportReport(apprentices.Count, apprentices.Count, cases, [], []);
    }

    private static ImportReport FileProblem(string problem) => new(0, 0, 0, [], [problem]);

    private static string Normalise(string header) => header.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static string Field(CsvRecord row, int index) => index >= 0 && index < row.Fields.Count ? row.Fields[index] : string.Empty;

    private static string Required(CsvRecord row, int index, string label, int maxLength, List<string> reasons)
    {
        var value = Field(row, index).Trim();
        if (value.Length == 0)
        {
            reasons.Add($"The {label} is missing.");
        }
        else if (value.Length > maxLength)
        {
            reasons.Add($"The {label} is longer than {maxLength} characters.");
        }

        return value;
    }

    private static DateOnly? Date(CsvRecord row, int index, string label, bool required, List<string> reasons)
    {
        var text = Field(row, index).Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                reasons.Add($"The {label} is missing.");
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        reasons.Add($"The {label} '{text}' is not a date in the form dd/MM/yyyy.");
        return null;
    }

    private static bool IsEmail(string text) =>
        text.Contains('@', StringComparison.Ordinal) && MailAddress.TryCreate(text, out var address) && address.Address == text;

    private sealed record StandardVersionInfo(int Id);
}
