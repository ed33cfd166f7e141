using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Admin;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Provider;

/// <summary>The provider books an apprentice's EPA (issue 19): the apprentice's details, the employer and the planned gateway.</summary>
public sealed class RegisterApprenticeInput
{
    public int? EmployerOrganisationId { get; set; }

    public string? Uln { get; set; }

    public string? GivenNames { get; set; }

    public string? FamilyName { get; set; }

    public string? Email { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Apprenticeship start date")]
    public DateOnly? StartDate { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Planned gateway date")]
    public DateOnly? PlannedGatewayDate { get; set; }

    public int? StandardVersionId { get; set; }
}

public sealed class RegisterApprenticeInputValidator : AbstractValidator<RegisterApprenticeInput>
{
    public RegisterApprenticeInputValidator(IOptions<IdentifierOptions> identifiers, TimeProvider clock)
    {
        RuleFor(x => x.EmployerOrganisationId).NotNull().WithMessage("Choose the apprentice's employer.");
        RuleFor(x => x.Uln).Custom((uln, context) =>
        {
            if (Domain.Identifiers.Uln.Validate(uln, identifiers.Value.EnforceUlnChecksum) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(x => x.GivenNames).NotEmpty().WithMessage("Enter the apprentice's given names.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the given names to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.FamilyName).NotEmpty().WithMessage("Enter the apprentice's family name.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the family name to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the apprentice's e-mail address.")
            .EmailAddress().WithMessage("Enter a valid e-mail address, for example name@example.com.")
            .MaximumLength(FieldLengths.Email).WithMessage($"Keep the e-mail address to {FieldLengths.Email} characters or fewer.");
        RuleFor(x => x.StartDate).NotNull().WithMessage("Enter the date the apprenticeship started.")
            .Must(d => d is null || d <= ApprenticeInputValidator.Today(clock)).WithMessage("The start date cannot be in the future.");
        RuleFor(x => x.PlannedGatewayDate).NotNull().WithMessage("Enter the date you plan the gateway for.");
        RuleFor(x => x.StandardVersionId).NotNull().WithMessage("Choose the standard version the apprentice is assessed against.");
    }
}

public sealed record RegisterApprenticeViewModel(
    RegisterApprenticeInput Input,
    IReadOnlyList<OrganisationOption> Employers,
    IReadOnlyList<VersionOption> Versions,
    IReadOnlyList<string> Problems);

/// <summary>
/// The provider's EPA booking: the apprentice is recorded at the employer (or found there by ULN) and a case is
/// registered naming the provider, through <see cref="CaseWorkflow.Register"/>, which refuses a provider that does
/// not work with the employer. "Works with" is a fact of the data: the provider already trains an apprentice of
/// that employer (a case names both), so the assessment organisation links a provider to an employer by
/// registering its first case (ADR 0020).
/// </summary>
public sealed class ProviderRegistration(
    PortalDbContext db,
    CurrentUser currentUser,
    CaseWorkflow workflow,
    Notifier notifier,
    Api.Webhooks.WebhookOutbox webhooks,
    IOptions<IdentifierOptions> identifiers)
{
    public async Task<RegisterApprenticeViewModel> PageAsync(RegisterApprenticeInput? input, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var providerId = currentUser.OrganisationId;
        var employers = await db.Organisations.AsNoTracking()
            .Where(o => db.Cases.Any(c => c.ProviderOrganisationId == providerId && c.OrganisationId == o.Id))
            .OrderBy(o => o.Name).Select(o => new OrganisationOption(o.Id, o.Name)).ToListAsync(cancellationToken);
        var versions = await db.StandardVersions.AsNoTracking().Where(v => v.IsActive)
            .OrderBy(v => v.Standard!.Reference).ThenBy(v => v.Version)
            .Select(v => new VersionOption(v.Id, v.Standard!.Reference + " " + v.Standard.Title + ", version " + v.Version))
            .ToListAsync(cancellationToken);
        input ??= new RegisterApprenticeInput { StandardVersionId = versions.Count == 1 ? versions[0].Id : null };
        return new RegisterApprenticeViewModel(input, employers, versions, problems);
    }

    /// <summary>Records the apprentice (if new) and registers the case in one transaction; the case id, or every problem.</summary>
    public async Task<(int? CaseId, IReadOnlyList<string> Problems)> RegisterAsync(RegisterApprenticeInput input, CancellationToken cancellationToken)
    {
        if (currentUser.OrganisationId is not { } providerId)
        {
            return (null, ["Your account is not linked to a training provider. Ask the assessment organisation to link it."]);
        }

        var employerId = input.EmployerOrganisationId!.Value;
        var uln = input.Uln!.Trim();
        var worksWith = await db.Cases.AnyAsync(c => c.ProviderOrganisationId == providerId && c.OrganisationId == employerId, cancellationToken);
        var version = await db.StandardVersions.Include(v => v.Standard).SingleOrDefaultAsync(v => v.Id == input.StandardVersionId && v.IsActive, cancellationToken);
        if (version is null)
        {
            return (null, ["Choose a standard version from the list."]);
        }

        var apprentice = await db.Apprentices.SingleOrDefaultAsync(a => a.Uln == uln, cancellationToken);
        if (apprentice is not null && (apprentice.OrganisationId != employerId || !worksWith))
        {
            return (null, [$"The ULN {uln} belongs to an apprentice of another employer: check it, or ask the assessment organisation."]);
        }

        if (apprentice is not null && (await db.Cases.AsNoTracking().Where(c => c.ApprenticeId == apprentice.Id && c.StandardVersion!.StandardId == version.StandardId)
                .Select(c => c.State).ToListAsync(cancellationToken)).Any(s => !CaseWorkflow.IsTerminal(s)))
        {
            return (null, [$"{apprentice.FullName} already has an open end-point assessment on {version.Standard!.Reference}."]);
        }

        var booking = new ProviderBooking(providerId, worksWith, input.PlannedGatewayDate);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (apprentice is null)
        {
            apprentice = new Apprentice(uln, input.GivenNames!.Trim(), input.FamilyName!.Trim(), input.Email!.Trim(), employerId, input.StartDate!.Value);

            // The domain decides before anything is saved (a refusal leaves no apprentice behind).
            var check = workflow.Register(apprentice, version, currentUser.ToActor(), identifiers.Value.EnforceUlnChecksum, booking);
            if (!check.Succeeded)
            {
                return (null, check.Problems);
            }

            db.Apprentices.Add(apprentice);
            await db.SaveChangesAsync(cancellationToken);
        }

        var outcome = workflow.Register(apprentice, version, currentUser.ToActor(), identifiers.Value.EnforceUlnChecksum, booking);
        if (!outcome.Succeeded)
        {
            return (null, outcome.Problems);
        }

        var epaCase = outcome.Case!;
        db.Cases.Add(epaCase);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add((outcome.Audit! with { CaseId = epaCase.Id, Details = $"{outcome.Audit.Details}; booked by the training provider" }).ToAuditEntry());
        await notifier.ReferenceRequestedAsync(epaCase.Id, cancellationToken);
        await webhooks.QueueAsync(epaCase.Id, Api.Webhooks.WebhookEvents.RegistrationAccepted, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (epaCase.Id, []);
    }
}
