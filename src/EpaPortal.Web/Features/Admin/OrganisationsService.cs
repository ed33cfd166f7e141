using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

public sealed record OrganisationRow(int Id, string Name, string? Ukprn, int Apprentices, int Employers, int ConflictsInForce);

public sealed record OrganisationPerson(string Id, string Name, string Email, bool Disabled);

public sealed record OrganisationConflict(string AssessorName, string Reason, DateOnly From, DateOnly? To, bool InForce);

public sealed record OrganisationDetailViewModel(int Id, OrganisationInput Input, IReadOnlyList<OrganisationPerson> Employers, IReadOnlyList<OrganisationConflict> Conflicts, int Apprentices, IReadOnlyList<string> Problems);

public sealed class OrganisationInput
{
    public string? Name { get; set; }

    public string? Ukprn { get; set; }

    public string? ContactEmail { get; set; }

    public string? PostalAddress { get; set; }
}

public sealed class OrganisationInputValidator : AbstractValidator<OrganisationInput>
{
    public OrganisationInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the organisation's name.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the name to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.Ukprn).Custom((ukprn, context) =>
        {
            if (!string.IsNullOrWhiteSpace(ukprn) && Domain.Identifiers.Ukprn.Validate(ukprn) is { } problem)
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

/// <summary>Employer organisations: list, add, edit, with their employer users and declared conflicts.</summary>
public sealed class OrganisationsService(PortalDbContext db, CurrentUser user, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);

    public async Task<IReadOnlyList<OrganisationRow>> ListAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        return await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrganisationRow(o.Id, o.Name, o.Ukprn,
                db.Apprentices.Count(a => a.OrganisationId == o.Id),
                db.Users.Count(u => u.OrganisationId == o.Id),
                db.ConflictsOfInterest.Count(c => c.OrganisationId == o.Id && c.From <= today && (c.To == null || c.To >= today))))
            .ToListAsync(cancellationToken);
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
        var input = posted ?? new OrganisationInput { Name = organisation.Name, Ukprn = organisation.Ukprn, ContactEmail = organisation.ContactEmail, PostalAddress = organisation.PostalAddress };
        return new OrganisationDetailViewModel(id, input, employers, conflicts, apprentices, problems);
    }

    /// <summary>Adds (id null) or updates the organisation; the id, or the problem (a name already used).</summary>
    public async Task<(int? Id, string? Problem)> SaveAsync(int? id, OrganisationInput input, CancellationToken cancellationToken)
    {
        var name = input.Name!.Trim();
        if (await db.Organisations.AnyAsync(o => o.Name == name && o.Id != id, cancellationToken))
        {
            return (null, $"There is already an organisation called {name}.");
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
                return (null, null);
            }

            organisation.Name = name;
        }

        organisation.Ukprn = string.IsNullOrWhiteSpace(input.Ukprn) ? null : input.Ukprn.Trim();
        organisation.ContactEmail = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim();
        organisation.PostalAddress = string.IsNullOrWhiteSpace(input.PostalAddress) ? null : input.PostalAddress.Trim();
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.Id, user.DisplayName, id is null ? "OrganisationCreated" : "OrganisationUpdated", null, null, null, null,
            $"{name}{(organisation.Ukprn is null ? null : $", UKPRN {organisation.Ukprn}")}"));
        await db.SaveChangesAsync(cancellationToken);
        return (organisation.Id, null);
    }
}
