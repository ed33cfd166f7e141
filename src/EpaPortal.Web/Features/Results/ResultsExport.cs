using System.Globalization;
using System.Text;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Identifiers;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Results;

/// <summary>One EPA outcome for the national service's bulk upload: one row per released attempt.</summary>
public sealed record ExportRow(
    int CaseId,
    string Uln,
    string FamilyName,
    string GivenNames,
    string StandardReference,
    string StandardVersion,
    int Attempt,
    AttemptKind AttemptKind,
    DateOnly EpaDate,
    Grade Grade,
    DateOnly? AchievementDate,
    CertificateRecipient? CertificateRecipient,
    string? PostalAddress)
{
    public bool Passed => Grade != Grade.Fail;
}

public sealed record ExportResult(IReadOnlyList<ExportRow> Rows, IReadOnlyList<ExportProblem> Excluded);

/// <summary>
/// The results export of domain.md section 9 for the national apprenticeship assessment service: only
/// released results; one row per released attempt (a re-sit or re-take is a new EPA outcome); a Fail
/// is an EPA outcome with no grade, achievement date or certificate. A result replaced after an upheld
/// appeal is left out (its re-assessment, once released, takes its place), and a row whose ULN fails the
/// checksum is left out and reported, since the national service would reject it.
/// </summary>
public sealed class ResultsExport(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Header =
    [
        "ULN", "FamilyName", "GivenNames", "StandardReference", "StandardVersion", "Attempt", "AttemptType",
        "EpaDate", "EpaOutcome", "OverallGrade", "AchievementDate", "CertificateRecipient", "PostalAddress",
    ];

    /// <summary>The export's rows: every released result, or one case's (<paramref name="caseId"/>: the API, the national service).</summary>
    public async Task<ExportResult> BuildAsync(int? caseId = null, CancellationToken cancellationToken = default)
    {
        var released = await (
                from d in db.GradeDecisions.AsNoTracking()
                where d.ReleasedAt != null && (caseId == null || d.CaseId == caseId)
                join c in db.Cases.AsNoTracking() on d.CaseId equals c.Id
                select new
                {
                    d.Id,
                    d.CaseId,
                    d.Attempt,
                    FinalGrade = d.ModeratedGrade ?? d.FinalGrade,
                    d.QaDecisionDate,
                    d.DecidedAt,
                    ReleasedAt = d.ReleasedAt!.Value,
                    CaseAttempt = c.Attempt,
                    c.AttemptKind,
                    c.Apprentice!.Uln,
                    c.Apprentice.GivenNames,
                    c.Apprentice.FamilyName,
                    c.Apprentice.CertificateRecipient,
                    c.Apprentice.PostalAddress,
                    OrganisationAddress = c.Apprentice.Organisation!.PostalAddress,
                    c.StandardVersion!.Standard!.Reference,
                    c.StandardVersion.Version,
                })
            .ToListAsync(cancellationToken);
        var caseIds = released.Select(r => r.CaseId).Distinct().ToList();

        var upheld = await db.Appeals.AsNoTracking()
            .Where(a => caseIds.Contains(a.CaseId) && a.Outcome == AppealOutcome.Upheld)
            .Select(a => new { a.CaseId, a.Attempt, a.LodgedAt })
            .ToListAsync(cancellationToken);
        var resit = nameof(CaseState.ResitPlanned);
        var retake = nameof(CaseState.RetakePlanned);
        var plans = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.CaseId != null && caseIds.Contains(a.CaseId.Value) && a.Action == CaseActions.StateChanged && (a.ToState == resit || a.ToState == retake))
                .Select(a => new { CaseId = a.CaseId!.Value, a.At, a.Id, a.ToState })
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.CaseId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<AttemptKind>)g.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.ToState == resit ? AttemptKind.Resit : AttemptKind.Retake).ToList());
        var interviews = (await db.Interviews.AsNoTracking()
                .Where(i => caseIds.Contains(i.CaseId))
                .Select(i => new { i.CaseId, i.Attempt, i.Id, i.StartsAt, i.CompletedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(i => (i.CaseId, i.Attempt))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.Id).First());

        var rows = new List<ExportRow>();
        var excluded = new List<ExportProblem>();
        foreach (var group in released.GroupBy(r => (r.CaseId, r.Attempt)))
        {
            // The latest release of the attempt stands, unless an appeal against it was upheld.
            var result = group.OrderBy(r => r.ReleasedAt).ThenBy(r => r.Id).Last();
            if (upheld.Any(a => a.CaseId == result.CaseId && a.Attempt == result.Attempt && a.LodgedAt >= result.ReleasedAt))
            {
                continue;
            }

            var name = $"{result.GivenNames} {result.FamilyName}";
            if (Uln.Validate(result.Uln) is { } problem)
            {
                excluded.Add(new ExportProblem(result.CaseId, name, $"ULN {result.Uln.Trim()}: {problem}"));
                continue;
            }

            var passed = result.FinalGrade != Grade.Fail;
            var interview = interviews.GetValueOrDefault((result.CaseId, result.Attempt));
            var epaMoment = interview is null ? result.DecidedAt : interview.CompletedAt ?? interview.StartsAt;
            var address = result.CertificateRecipient == CertificateRecipient.Employer ? result.OrganisationAddress : result.PostalAddress;
            rows.Add(new ExportRow(
                result.CaseId,
                result.Uln.Trim(),
                result.FamilyName,
                result.GivenNames,
                result.Reference,
                result.Version,
                result.Attempt,
                ResultViewBuilder.KindOf(result.Attempt, plans.GetValueOrDefault(result.CaseId) ?? [], result.CaseAttempt, result.AttemptKind),
                DateOnly.FromDateTime(UkTime.ToUk(epaMoment).DateTime),
                result.FinalGrade,
                passed ? result.QaDecisionDate : null,
                passed ? result.CertificateRecipient : null,
                passed ? address : null));
        }

        return new ExportResult(
            rows.OrderBy(r => r.FamilyName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.GivenNames, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Uln, StringComparer.Ordinal).ThenBy(r => r.Attempt).ToList(),
            excluded);
    }

    /// <summary>The export as CSV (RFC 4180, UTF-8, CRLF), safe to open in a spreadsheet. The download is audited.</summary>
    public async Task<(string FileName, byte[] Content, int Rows)> CsvAsync(CancellationToken cancellationToken = default)
    {
        var export = await BuildAsync(cancellationToken: cancellationToken);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header.Select(Csv.Cell))).Append("\r\n");
        foreach (var row in export.Rows)
        {
            string?[] cells =
            [
                row.Uln,
                row.FamilyName,
                row.GivenNames,
                row.StandardReference,
                row.StandardVersion,
                row.Attempt.ToString(CultureInfo.InvariantCulture),
                row.AttemptKind.ToString(),
                Iso(row.EpaDate),
                row.Passed ? "Pass" : "Fail",
                row.Passed ? row.Grade.ToString() : null,
                row.AchievementDate is { } achieved ? Iso(achieved) : null,
                row.CertificateRecipient?.ToString(),
                row.PostalAddress is null ? null : OneLine(row.PostalAddress),
            ];
            csv.Append(string.Join(',', cells.Select(Csv.Cell))).Append("\r\n");
        }

        var now = clock.GetUtcNow();
        audit.Add("ResultsExported", null, $"{DisplayNames.CountSentence(export.Rows.Count, "released result")} exported; {export.Excluded.Count.ToString(CultureInfo.InvariantCulture)} left out for an invalid ULN");
        await db.SaveChangesAsync(cancellationToken);
        return ($"epa-results-{Iso(DateOnly.FromDateTime(UkTime.ToUk(now).DateTime))}.csv", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv.ToString()), export.Rows.Count);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string OneLine(string text) =>
        string.Join(", ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>CSV cells (RFC 4180) that a spreadsheet will not run as a formula.</summary>
public static class Csv
{
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // CSV injection (OWASP): a cell a spreadsheet would read as a formula is prefixed with a quote.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value[0] == ' ' || value[^1] == ' '
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
