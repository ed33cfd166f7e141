using System.Globalization;
using System.Linq.Expressions;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>Apprentice records: list, one apprentice with their cases, and adding one by hand.</summary>
public sealed class ApprenticesService(PortalDbContext db, AdminCasesService cases, AuditLog audit)
{
    /// <summary>
    /// The apprentice list's sorts (issue 21): family name (index FamilyName+Id), ULN (the unique index on Uln,
    /// which carries the id) and start date (index StartDate+Id), each either way, the id the tie-break.
    /// Without a sort: by family name.
    /// </summary>
    public static readonly ListSorts<Apprentice, ApprenticeRow> Sorts = new ListSorts<Apprentice, ApprenticeRow>()
        .Column("name", a => a.FamilyName, a => a.Id, r => r.FamilyName, r => r.Id)
        .Column("uln", a => a.Uln, a => a.Id, r => r.Uln, r => r.Id)
        .Column("started", a => a.StartDate, a => a.Id, r => r.StartDate, r => r.Id);

    /// <summary>
    /// One keyset page of apprentices in two commands whatever the data size: the filtered count and the page
    /// (a projection), in the sort the URL names.
    /// </summary>
    public async Task<ApprenticeListViewModel> ListAsync(ApprenticeListFilter filter, CancellationToken cancellationToken)
    {
        var (query, q) = Filtered(filter);
        var total = await query.CountAsync(cancellationToken);
        var page = Sorts.Resolve(filter.Sort).PageAsync(query, new PageRequest(filter.After, filter.Before), Paging.MaxPageSize, Row(), cancellationToken);
        return new ApprenticeListViewModel(filter with { Q = q }, await page, total);
    }

    /// <summary>The filtered list, whole, in its sort: the CSV export (one command, at most <see cref="ListExport.MaxRows"/> rows).</summary>
    public async Task<IReadOnlyList<ApprenticeRow>> ExportAsync(ApprenticeListFilter filter, CancellationToken cancellationToken) =>
        await ListExport.RowsAsync(Filtered(filter).Query, Sorts.Resolve(filter.Sort), Row(), cancellationToken);

    public static readonly IReadOnlyList<string> ExportHeader = ["Name", "ULN", "Organisation", "Started", "Portal account", "Cases"];

    public static IReadOnlyList<string?> ExportCells(ApprenticeRow a) =>
    [
        a.Name, a.Uln, a.OrganisationName, a.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.HasAccount ? "Yes" : "No",
        a.Cases.ToString(CultureInfo.InvariantCulture),
    ];

    private Expression<Func<Apprentice, ApprenticeRow>> Row() => a =>
        new ApprenticeRow(a.Id, a.GivenNames + " " + a.FamilyName, a.Uln, a.Organisation!.Name, a.StartDate, a.UserId != null, db.Cases.Count(c => c.ApprenticeId == a.Id)) { FamilyName = a.FamilyName };

    /// <summary>The list's search as a query (and the search text, trimmed): the page and the export share it.</summary>
    private (IQueryable<Apprentice> Query, string? Q) Filtered(ApprenticeListFilter filter)
    {
        var query = db.Apprentices.AsNoTracking();
        var q = filter.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            if (q.All(char.IsAsciiDigit))
            {
                var prefix = SearchText.StartsWith(q);
                query = query.Where(a => EF.Functions.Like(a.Uln, prefix, "\\"));
            }
            else
            {
                var pattern = SearchText.Contains(q);
                query = query.Where(a => EF.Functions.Like(a.GivenNames + " " + a.FamilyName, pattern, "\\") || EF.Functions.Like(a.Organisation!.Name, pattern, "\\"));
            }
        }

        return (query, q);
    }

    public async Task<ApprenticeDetailViewModel?> DetailAsync(int id, CancellationToken cancellationToken)
    {
        var a = await db.Apprentices.AsNoTracking().Include(x => x.Organisation).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (a is null)
        {
            return null;
        }

        var caseRows = await db.Cases.AsNoTracking().Where(c => c.ApprenticeId == id).OrderBy(c => c.Id)
            .Select(c => new ApprenticeCaseRow(c.Id, c.StandardVersion!.Standard!.Reference + " version " + c.StandardVersion.Version, c.State, c.Attempt))
            .ToListAsync(cancellationToken);
        return new ApprenticeDetailViewModel(a.Id, a.FullName, a.Uln, a.Email, a.DateOfBirth, a.StartDate, a.OrganisationId, a.Organisation?.Name ?? string.Empty,
            a.PostalAddress, a.UserId, a.ReasonableAdjustments, caseRows, a.Nation);
    }

    public async Task<ApprenticeFormViewModel> FormAsync(ApprenticeInput input, IReadOnlyList<string> problems, CancellationToken cancellationToken) =>
        new(input,
            await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganisationOption(o.Id, o.Name)).ToListAsync(cancellationToken),
            await cases.ActiveVersionsAsync(cancellationToken),
            problems);

    /// <summary>Adds the apprentice (and registers their case if asked, through the case workflow).</summary>
    public async Task<(int? ApprenticeId, int? CaseId, IReadOnlyList<string> Problems)> CreateAsync(ApprenticeInput input, CancellationToken cancellationToken)
    {
        var uln = input.Uln!.Trim();
        if (await db.Apprentices.AnyAsync(a => a.Uln == uln, cancellationToken))
        {
            return (null, null, [$"An apprentice with the ULN {uln} is already in the portal."]);
        }

        if (!await db.Organisations.AnyAsync(o => o.Id == input.OrganisationId, cancellationToken))
        {
            return (null, null, ["Choose the apprentice's employer from the list."]);
        }

        var apprentice = new Apprentice(uln, input.GivenNames!.Trim(), input.FamilyName!.Trim(), input.Email!.Trim(), input.OrganisationId!.Value, input.StartDate!.Value)
        {
            DateOfBirth = input.DateOfBirth,
            Nation = input.Nation,
            PostalAddress = string.IsNullOrWhiteSpace(input.PostalAddress) ? null : input.PostalAddress.Trim(),
            ReasonableAdjustments = string.IsNullOrWhiteSpace(input.ReasonableAdjustments) ? null : input.ReasonableAdjustments.Trim(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Apprentices.Add(apprentice);
        audit.Add("ApprenticeCreated", null, $"{apprentice.FullName}, ULN {uln}");
        await db.SaveChangesAsync(cancellationToken);

        int? caseId = null;
        if (input.RegisterCaseVersionId is { } versionId)
        {
            var (registered, problems) = await cases.RegisterAsync(new CreateCaseInput { Uln = uln, StandardVersionId = versionId }, cancellationToken, transaction: false);
            if (registered is null)
            {
                return (null, null, problems);
            }

            caseId = registered;
        }

        await transaction.CommitAsync(cancellationToken);
        return (apprentice.Id, caseId, []);
    }

    /// <summary>Records the apprentice's nation (whose bank holidays their deadlines skip); audited. False if no such apprentice.</summary>
    public async Task<bool> SetNationAsync(int id, UkNation nation, CancellationToken cancellationToken)
    {
        var apprentice = await db.Apprentices.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (apprentice is null)
        {
            return false;
        }

        if (apprentice.Nation != nation)
        {
            var before = apprentice.Nation;
            apprentice.Nation = nation;
            audit.Add("ApprenticeNationChanged", null, $"{apprentice.FullName}, ULN {apprentice.Uln}: bank holidays of {Scheduling.BankHolidaysService.NationName(before)} changed to {Scheduling.BankHolidaysService.NationName(nation)}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}
