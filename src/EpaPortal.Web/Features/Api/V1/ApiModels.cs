using EpaPortal.Domain.Common;
using EpaPortal.Domain.Identifiers;
using FluentValidation;
using EpaPortal.Web.Features.Admin;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Api.V1;

/// <summary>A page of a list. Pass <c>nextCursor</c> as <c>cursor</c> to read the next page; null on the last page.</summary>
/// <typeparam name="T">The kind of item.</typeparam>
/// <param name="Items">The items of this page, oldest first.</param>
/// <param name="NextCursor">The cursor of the next page, or null when there is none.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>An apprentice of the client's organisation.</summary>
/// <param name="Id">The portal's id of the apprentice.</param>
/// <param name="Uln">The Unique Learner Number (10 digits).</param>
/// <param name="GivenNames">Given names.</param>
/// <param name="FamilyName">Family name.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="DateOfBirth">Date of birth (yyyy-MM-dd), if known.</param>
/// <param name="StartDate">The date the apprenticeship started (yyyy-MM-dd).</param>
/// <param name="EmployerOrganisationId">The employer organisation's id.</param>
/// <param name="EmployerName">The employer organisation's name.</param>
public sealed record ApprenticeResource(int Id, string Uln, string GivenNames, string FamilyName, string Email, DateOnly? DateOfBirth, DateOnly StartDate, int EmployerOrganisationId, string EmployerName);

/// <summary>A new apprentice. The employer is the client's organisation unless named.</summary>
public sealed class ApprenticeCreateRequest
{
    /// <summary>The Unique Learner Number: 10 digits, first not 0, with a valid checksum.</summary>
    public string? Uln { get; set; }

    /// <summary>Given names.</summary>
    public string? GivenNames { get; set; }

    /// <summary>Family name.</summary>
    public string? FamilyName { get; set; }

    /// <summary>E-mail address (the portal invites the apprentice there).</summary>
    public string? Email { get; set; }

    /// <summary>The date the apprenticeship started (yyyy-MM-dd), not in the future.</summary>
    public DateOnly? StartDate { get; set; }

    /// <summary>Date of birth (yyyy-MM-dd), optional.</summary>
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>The employer organisation's id; optional, defaults to the client's organisation (the only one it may name today).</summary>
    public int? EmployerOrganisationId { get; set; }
}

/// <summary>A change to an apprentice's details (the ULN and the employer cannot change). Send the ETag you read in If-Match.</summary>
public sealed class ApprenticeUpdateRequest
{
    /// <summary>Given names.</summary>
    public string? GivenNames { get; set; }

    /// <summary>Family name.</summary>
    public string? FamilyName { get; set; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>Date of birth (yyyy-MM-dd), optional.</summary>
    public DateOnly? DateOfBirth { get; set; }
}

/// <summary>An EPA registration: one apprentice's end-point assessment on one standard version.</summary>
/// <param name="Id">The registration (case) id.</param>
/// <param name="ApprenticeId">The apprentice's id.</param>
/// <param name="Uln">The apprentice's ULN.</param>
/// <param name="Standard">The standard's reference, e.g. ST0128.</param>
/// <param name="Version">The standard version, e.g. 1.0.</param>
/// <param name="Status">The case state's code, e.g. GatewaySubmitted (a stable value for programs).</param>
/// <param name="StatusText">The state in words, for people.</param>
/// <param name="Attempt">1 for the first attempt; a re-sit or re-take starts the next.</param>
/// <param name="AttemptKind">First, Resit or Retake.</param>
/// <param name="OnHold">Whether the case is on hold.</param>
/// <param name="Dates">The case's dates.</param>
public sealed record RegistrationResource(int Id, int ApprenticeId, string Uln, string Standard, string Version, string Status, string StatusText, int Attempt, string AttemptKind, bool OnHold, RegistrationDates Dates);

/// <summary>The dates of a registration; each is null until it happens.</summary>
/// <param name="RegisteredAt">When the case was registered.</param>
/// <param name="StatusChangedAt">When the case entered its current state.</param>
/// <param name="GatewaySubmittedAt">When the gateway was submitted.</param>
/// <param name="GatewayApprovedAt">When the gateway was approved.</param>
/// <param name="InterviewAt">The booked interview's start (once it has been announced to the apprentice and employer).</param>
/// <param name="ResultReleasedAt">When the result was released.</param>
/// <param name="AppealDeadline">The last moment to appeal the released result.</param>
/// <param name="CertificateRequestedAt">When the certificate was requested.</param>
public sealed record RegistrationDates(DateTimeOffset RegisteredAt, DateTimeOffset StatusChangedAt, DateTimeOffset? GatewaySubmittedAt, DateTimeOffset? GatewayApprovedAt,
    DateTimeOffset? InterviewAt, DateTimeOffset? ResultReleasedAt, DateTimeOffset? AppealDeadline, DateTimeOffset? CertificateRequestedAt);

/// <summary>A request to register an apprentice of the client's organisation for end-point assessment.</summary>
public sealed class RegistrationCreateRequest
{
    /// <summary>The apprentice's ULN (add the apprentice first).</summary>
    public string? Uln { get; set; }

    /// <summary>The standard's reference, e.g. ST0128.</summary>
    public string? Standard { get; set; }

    /// <summary>The standard version, e.g. 1.0.</summary>
    public string? Version { get; set; }
}

/// <summary>A registration's released results, one per released attempt. Nothing unreleased is ever here.</summary>
/// <param name="RegistrationId">The registration (case) id.</param>
/// <param name="Results">The released attempts, first attempt first.</param>
public sealed record ResultResource(int RegistrationId, IReadOnlyList<ReleasedAttempt> Results);

/// <summary>One released attempt, as the national service records it.</summary>
/// <param name="Attempt">The attempt number.</param>
/// <param name="AttemptKind">First, Resit or Retake.</param>
/// <param name="EpaDate">The date of the assessment (the interview).</param>
/// <param name="EpaOutcome">pass or fail.</param>
/// <param name="Grade">Pass, Merit, Distinction or Fail.</param>
/// <param name="AchievementDate">The achievement date (Pass or better only).</param>
public sealed record ReleasedAttempt(int Attempt, string AttemptKind, DateOnly EpaDate, string EpaOutcome, string Grade, DateOnly? AchievementDate);

/// <summary>A gateway evidence file that was stored.</summary>
/// <param name="FileId">The stored file's id.</param>
/// <param name="Slot">What it is: english, maths, module-0 or module-1 (the knowledge modules in the standard's order).</param>
/// <param name="FileName">The file name as stored.</param>
/// <param name="Message">What happened, in words.</param>
public sealed record GatewayEvidenceResource(Guid FileId, string Slot, string FileName, string Message);

public sealed class ApprenticeCreateRequestValidator : AbstractValidator<ApprenticeCreateRequest>
{
    public ApprenticeCreateRequestValidator(IOptions<IdentifierOptions> identifiers, TimeProvider clock)
    {
        RuleFor(x => x.Uln).Custom((uln, context) =>
        {
            if (Uln.Validate(uln, identifiers.Value.EnforceUlnChecksum) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        ApprenticeRules.Names(this, x => x.GivenNames, x => x.FamilyName);
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the apprentice's e-mail address.")
            .EmailAddress().WithMessage("Enter a valid e-mail address, for example name@example.com.")
            .MaximumLength(FieldLengths.Email).WithMessage($"Keep the e-mail address to {FieldLengths.Email} characters or fewer.");
        RuleFor(x => x.StartDate).NotNull().WithMessage("Enter the date the apprenticeship started (yyyy-MM-dd).")
            .Must(d => d <= ApprenticeInputValidator.Today(clock)).WithMessage("The start date cannot be in the future.");
        RuleFor(x => x.DateOfBirth).Must(d => d is null || d < ApprenticeInputValidator.Today(clock)).WithMessage("The date of birth must be in the past.");
    }
}

public sealed class ApprenticeUpdateRequestValidator : AbstractValidator<ApprenticeUpdateRequest>
{
    public ApprenticeUpdateRequestValidator(TimeProvider clock)
    {
        ApprenticeRules.Names(this, x => x.GivenNames, x => x.FamilyName);
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the apprentice's e-mail address.")
            .EmailAddress().WithMessage("Enter a valid e-mail address, for example name@example.com.")
            .MaximumLength(FieldLengths.Email).WithMessage($"Keep the e-mail address to {FieldLengths.Email} characters or fewer.");
        RuleFor(x => x.DateOfBirth).Must(d => d is null || d < ApprenticeInputValidator.Today(clock)).WithMessage("The date of birth must be in the past.");
    }
}

public sealed class RegistrationCreateRequestValidator : AbstractValidator<RegistrationCreateRequest>
{
    public RegistrationCreateRequestValidator(IOptions<IdentifierOptions> identifiers)
    {
        RuleFor(x => x.Uln).Custom((uln, context) =>
        {
            if (Uln.Validate(uln, identifiers.Value.EnforceUlnChecksum) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(x => x.Standard).Custom((standard, context) =>
        {
            if (StandardReference.Validate(standard) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(x => x.Version).NotEmpty().WithMessage("Enter the standard version, for example 1.0.")
            .MaximumLength(FieldLengths.VersionLabel).WithMessage($"Keep the version to {FieldLengths.VersionLabel} characters or fewer.");
    }
}

internal static class ApprenticeRules
{
    public static void Names<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> given, System.Linq.Expressions.Expression<Func<T, string?>> family)
    {
        validator.RuleFor(given).NotEmpty().WithMessage("Enter the apprentice's given names.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the given names to {FieldLengths.Name} characters or fewer.");
        validator.RuleFor(family).NotEmpty().WithMessage("Enter the apprentice's family name.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the family name to {FieldLengths.Name} characters or fewer.");
    }
}
