using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Admin;

public sealed record ApprenticeRow(int Id, string Name, string Uln, string OrganisationName, DateOnly StartDate, bool HasAccount, int Cases)
{
    /// <summary>The key of the list's sort by name (the cursor of its keyset pages).</summary>
    public string FamilyName { get; init; } = string.Empty;
}

/// <summary>The apprentice list's search, keyset page and sort, as the URL carries them.</summary>
public sealed record ApprenticeListFilter(string? Q, string? After = null, string? Before = null, string? Sort = null);

public sealed record ApprenticeListViewModel(ApprenticeListFilter Filter, Infrastructure.KeysetPage<ApprenticeRow> Apprentices, int Total);

public sealed record ApprenticeCaseRow(int Id, string VersionCode, CaseState State, int Attempt);

public sealed record ApprenticeDetailViewModel(
    int Id, string Name, string Uln, string Email, DateOnly? DateOfBirth, DateOnly StartDate, int OrganisationId, string OrganisationName,
    string? PostalAddress, string? UserId, string? ReasonableAdjustments, IReadOnlyList<ApprenticeCaseRow> Cases, UkNation Nation = UkNation.EnglandAndWales);

public sealed class ApprenticeInput
{
    public string? Uln { get; set; }

    public string? GivenNames { get; set; }

    public string? FamilyName { get; set; }

    public string? Email { get; set; }

    public int? OrganisationId { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Apprenticeship start date")]
    public DateOnly? StartDate { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Whose bank holidays the apprentice's deadlines skip.</summary>
    public UkNation Nation { get; set; } = UkNation.EnglandAndWales;

    public string? PostalAddress { get; set; }

    public string? ReasonableAdjustments { get; set; }

    /// <summary>When set, a case on this standard version is registered for the new apprentice.</summary>
    public int? RegisterCaseVersionId { get; set; }
}

public sealed record ApprenticeFormViewModel(ApprenticeInput Input, IReadOnlyList<OrganisationOption> Organisations, IReadOnlyList<VersionOption> Versions, IReadOnlyList<string> Problems);

public sealed class ApprenticeInputValidator : AbstractValidator<ApprenticeInput>
{
    public ApprenticeInputValidator(IOptions<IdentifierOptions> identifiers, TimeProvider clock)
    {
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
        RuleFor(x => x.OrganisationId).NotNull().WithMessage("Choose the apprentice's employer.");
        RuleFor(x => x.StartDate).NotNull().WithMessage("Enter the date the apprenticeship started.")
            .Must(d => d is null || d <= Today(clock)).WithMessage("The start date cannot be in the future.");
        RuleFor(x => x.Nation).IsInEnum().WithMessage("Choose England and Wales, Scotland or Northern Ireland.");
        RuleFor(x => x.DateOfBirth).Must(d => d is null || d < Today(clock)).WithMessage("The date of birth must be in the past.");
        RuleFor(x => x.PostalAddress).MaximumLength(FieldLengths.Address).WithMessage($"Keep the address to {FieldLengths.Address} characters or fewer.");
        RuleFor(x => x.ReasonableAdjustments).MaximumLength(FieldLengths.Description).WithMessage($"Keep the reasonable adjustments to {FieldLengths.Description} characters or fewer.");
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);
}

/// <summary>A rejected row of an import: its line in the file and every reason.</summary>
public sealed record ImportRejection(int Line, string Uln, IReadOnlyList<string> Reasons);

public sealed record ImportReport(int Rows, int Imported, int CasesRegistered, IReadOnlyList<ImportRejection> Rejected, IReadOnlyList<string> FileProblems)
{
    public bool Succeeded => Rejected.Count == 0 && FileProblems.Count == 0 && Imported > 0;
}

public sealed record ImportViewModel(IReadOnlyList<VersionOption> Versions, int? RegisterCaseVersionId, ImportReport? Report);
