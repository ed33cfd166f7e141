using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>The organisation list's keyset page and sort, as the URL carries them.</summary>
public sealed record OrganisationListFilter(string? After = null, string? Before = null, string? Sort = null);

public sealed record OrganisationListViewModel(OrganisationListFilter Filter, Infrastructure.KeysetPage<OrganisationRow> Organisations, int Total);

public sealed record OrganisationRow(int Id, string Name, string? Ukprn, int Apprentices, int Employers, int ConflictsInForce, bool IsEmployer = true)
{
    public string Parts => OrganisationKinds.Label(IsEmployer, Ukprn);
}

/// <summary>What an organisation is: an employer, a training provider (it has a UKPRN) or both (issue 19).</summary>
public static class OrganisationKinds
{
    public const string Employer = "Employer";
    public const string Provider = "Provider";
    public const string Both = "Both";

    public static string Of(bool isEmployer, string? ukprn) =>
        string.IsNullOrWhiteSpace(ukprn) ? Employer : isEmployer ? Both : Provider;

    public static string Label(bool isEmployer, string? ukprn) => Of(isEmployer, ukprn) switch
    {
        Provider => "Training provider",
        Both => "Employer and training provider",
        _ => "Employer",
    };
}

public sealed record OrganisationPerson(string Id, string Name, string Email, bool Disabled);

public sealed record OrganisationConflict(string AssessorName, string Reason, DateOnly From, DateOnly? To, bool InForce);

public sealed record OrganisationDetailViewModel(int Id, OrganisationInput Input, IReadOnlyList<OrganisationPerson> Employers, IReadOnlyList<OrganisationConflict> Conflicts, int Apprentices, IReadOnlyList<string> Problems);

public sealed class OrganisationInput
{
    public string? Name { get; set; }

    public string? Ukprn { get; set; }

    /// <summary><see cref="OrganisationKinds"/>; when not given, an organisation with a UKPRN is both, without one an employer.</summary>
    public string? Kind { get; set; }

    public string? ContactEmail { get; set; }

    public string? PostalAddress { get; set; }
}

public sealed class OrganisationInputValidator : AbstractValidator<OrganisationInput>
{
    public OrganisationInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the organisation's name.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the name to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.Kind).Must(k => k is null or OrganisationKinds.Employer or OrganisationKinds.Provider or OrganisationKinds.Both)
            .WithMessage("Choose whether the organisation is an employer, a training provider or both.");
        RuleFor(x => x.Ukprn).Custom((ukprn, context) =>
        {
            var kind = context.InstanceToValidate.Kind;
            if (kind is OrganisationKinds.Provider or OrganisationKinds.Both && string.IsNullOrWhiteSpace(ukprn))
            {
                context.AddFailure("A training provider needs its UKPRN (8 digits starting with 1, for example 10012345).");
            }
            else if (kind is OrganisationKinds.Employer && !string.IsNullOrWhiteSpace(ukprn))
            {
                context.AddFailure("Only a training provider has a UKPRN: remove it, or choose 'Employer and training provider'.");
            }
            else if (!string.IsNullOrWhiteSpace(ukprn) && Domain.Identifiers.Ukprn.Validate(ukprn) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(x => x.ContactEmail).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.ContactEmail))
            .WithMessage("Enter a valid e-mail address, for example epa@example.com.")
            .MaximumLength(FieldLengths.Email).WithMessage($"Keep the e-mail address to {FieldLengths.Email} characters or fewer.");
        RuleFor(x => x.PostalAddress).MaximumLength(FieldLengths.Address).WithMessage($"Keep the address to {FieldLengths.Address} characters or fewer.");
    }
}

/// <summary>Organisations (employers, training providers or both): list, add, edit, with their users and declared conflicts.</summary>
public sealed class OrganisationsService(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);

    /// <summary>
    /// The organisation list's sorts (issue 21): name (the unique index on Name, which carries the id) and the
    /// order they were added (the primary key), each either way. Without a sort: by name.
    /// </summary>
    public static readonly ListSorts<Organisation, OrganisationRow> Sorts = new ListSorts<Organisation, OrganisationRow>()
        .Column("name", o => o.Name, o => o.Id, r => r.Name, r => r.Id)
        .Column("added", o => o.Id, o => o.Id, r => r.Id, r => r.Id);

    /// <summary>One keyset page of organisations in two commands: the count and the page.</summary>
    public async Task<OrganisationListViewModel> ListAsync(OrganisationListFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Organisations.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var page = await Sorts.Resolve(filter.Sort).PageAsync(query, new PageRequest(filter.After, filter.Before), Paging.MaxPageSize, Row(), cancellationToken);
        return new OrganisationListViewModel(filter, page, total);
    }

    /// <summary>Every organisation in the list's sort: the CSV export (one command, at most <see cref="ListExport.MaxRows"/> rows).</summary>
    public async Task<IReadOnlyList<OrganisationRow>> ExportAsync(OrganisationListFilter filter, CancellationToken cancellationToken) =>
        await ListExport.RowsAsync(db.Organisations.AsNoTracking(), Sorts.Resolve(filter.Sort), Row(), cancellationToken);

    public static readonly IReadOnlyList<string> ExportHeader = ["Name", "Kind", "UKPRN", "Apprentices", "Employer users", "Conflicts in force"];

    public static IReadOnlyList<string?> ExportCells(OrganisationRow o) =>
    [
        o.Name, o.Parts, o.Ukprn, o.Apprentices.ToString(System.Globalization.CultureInfo.InvariantCulture),
        o.Employers.ToString(System.Globalization.CultureInfo.InvariantCulture), o.ConflictsInForce.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    private System.Linq.Expressions.Expression<Func<Organisation, OrganisationRow>> Row()
    {
        var today = Today;
        return o => new OrganisationRow(o.Id, o.Name, o.Ukprn,
            db.Apprentices.Count(a => a.OrganisationId == o.Id),
            db.Users.Count(u => u.OrganisationId == o.Id),
            db.ConflictsOfInterest.Count(c => c.OrganisationId == o.Id && c.From <= today && (c.To == null || c.To >= today)),
            o.IsEmployer);
    }

    public async Task<OrganisationDetailViewModel?> DetailAsync(int id, OrganisationInput? posted, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var today = Today;
        var employers = await db.Users.AsNoTracking().Where(u => u.OrganisationId == id).OrderBy(u => u.DisplayName)
            .Select(u => new OrganisationPerson(u.Id, u.DisplayName, u.Email ?? string.Empty, u.DisabledAt != null)).ToListAsync(cancellationToken);
        var conflicts = (await db.ConflictsOfInterest.AsNoTracking().Where(c => c.OrganisationId == id).OrderByDescending(c => c.From)
            .Select(c => new { Conflict = c, Name = db.Users.Where(u => u.Id == c.AssessorId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken))
            .Select(x => new OrganisationConflict(x.Name ?? x.Conflict.AssessorId, x.Conflict.Reason, x.Conflict.From, x.Conflict.To, x.Conflict.IsInForceOn(today))).ToList();
        var apprentices = await db.Apprentices.CountAsync(a => a.OrganisationId == id, cancellationToken);
        var input = posted ?? new OrganisationInput { Name = organisation.Name, Ukprn = organisation.Ukprn, Kind = OrganisationKinds.Of(organisation.IsEmployer, organisation.Ukprn), ContactEmail = organisation.ContactEmail, PostalAddress = organisation.PostalAddress };
        return new OrganisationDetailViewModel(id, input, employers, conflicts, apprentices, problems);
    }

    /// <summary>Adds (id null) or updates the organisation; the id, or the problem and the field it is about (a name or UKPRN already used).</summary>
    public async Task<(int? Id, string? Problem, string Field)> SaveAsync(int? id, OrganisationInput input, CancellationToken cancellationToken)
    {
        var name = input.Name!.Trim();
        var ukprn = string.IsNullOrWhiteSpace(input.Ukprn) ? null : input.Ukprn.Trim();
        var clash = await db.Organisations.AsNoTracking().Where(o => o.Id != id && (o.Name == name || (ukprn != null && o.Ukprn == ukprn)))
            .Select(o => new { o.Name, o.Ukprn }).FirstOrDefaultAsync(cancellationToken);
        if (clash is not null)
        {
            return clash.Name == name
                ? (null, $"There is already an organisation called {name}.", nameof(OrganisationInput.Name))
                : (null, $"The UKPRN {ukprn} already belongs to {clash.Name}.", nameof(OrganisationInput.Ukprn));
        }

        Organisation? organisation;
        if (id is null)
        {
            organisation = new Organisation(name) { CreatedAt = clock.GetUtcNow() };
            db.Organisations.Add(organisation);
        }
        else
        {
            organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (organisation is null)
            {
                return (null, null, nameof(OrganisationInput.Name));
            }

            organisation.Name = name;
        }

        organisation.Ukprn = ukprn;
        organisation.IsEmployer = input.Kind is null or OrganisationKinds.Employer or OrganisationKinds.Both;
        organisation.ContactEmail = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim();
        organisation.PostalAddress = string.IsNullOrWhiteSpace(input.PostalAddress) ? null : input.PostalAddress.Trim();
        audit.Add(id is null ? "OrganisationCreated" : "OrganisationUpdated", null, $"{name}{(organisation.Ukprn is null ? null : $", UKPRN {organisation.Ukprn}")}");
        await db.SaveChangesAsync(cancellationToken);
        return (organisation.Id, null, nameof(OrganisationInput.Name));
    }
}
