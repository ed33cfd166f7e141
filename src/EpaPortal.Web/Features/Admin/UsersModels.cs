using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Admin;

public sealed record UserRow(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, string? OrganisationName, bool Disabled, bool Invited);

/// <summary>A row of the user list as one command reads it (its roles come from a second).</summary>
public sealed record UserListItem(string Id, string DisplayName, string Email, string? OrganisationName, bool Disabled, bool Invited);

/// <summary>The user list's role filter, search, keyset page and sort, as the URL carries them.</summary>
public sealed record UserListFilter(string? Role, string? Q, string? After = null, string? Before = null, string? Sort = null);

public sealed record UserListViewModel(UserListFilter Filter, Infrastructure.KeysetPage<UserRow> Users, int Total);

public sealed record UserDetailViewModel(
    string Id,
    string DisplayName,
    string Email,
    bool Disabled,
    DateTimeOffset? DisabledAt,
    bool HasPassword,
    bool TwoFactorEnabled,
    DateTimeOffset CreatedAt,
    string? LinkedApprentice,
    int Caseload,
    bool IsSelf,
    UserRolesInput Roles,
    IReadOnlyList<OrganisationOption> Organisations,
    ReasonInput Disable,
    IReadOnlyList<AuditRow> Audit,
    IReadOnlyList<string> Problems)
{
    /// <summary>The reason typed for closing the account (kept when the form comes back with a problem).</summary>
    public ReasonInput Close { get; init; } = new();

    /// <summary>Whether the person is an assessor (the capacity form is theirs only).</summary>
    public bool IsAssessor { get; init; }

    /// <summary>The assessor's capacity as saved, or as typed when the form comes back with a problem.</summary>
    public CapacityInput Capacity { get; init; } = new();

    /// <summary>The assessor's occupational-competence and CPD records, latest expiry first.</summary>
    public IReadOnlyList<AssessorRecordRow> Records { get; init; } = [];

    /// <summary>The record being added, as typed.</summary>
    public AssessorRecordInput NewRecord { get; init; } = new();
}

public sealed record AssessorRecordRow(string Kind, string Title, DateOnly AchievedOn, DateOnly ExpiresOn, bool Lapsed);

/// <summary>A standardisation record of an assessor (issue 21, item 6); the dates are typed as day, month and year
/// (the date input keeps what was typed when it is not a date).</summary>
public sealed class AssessorRecordInput
{
    public string? Kind { get; set; }

    public string? Title { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Date achieved")]
    public DateOnly? AchievedOn { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Expiry date")]
    public DateOnly? ExpiresOn { get; set; }
}

public sealed class AssessorRecordInputValidator : AbstractValidator<AssessorRecordInput>
{
    public AssessorRecordInputValidator()
    {
        RuleFor(x => x.Kind).Must(k => Enum.TryParse<Domain.Organisations.AssessorRecordKind>(k, out var kind) && Enum.IsDefined(kind))
            .WithMessage("Choose whether this is occupational competence or CPD.");
        RuleFor(x => x.Title).NotEmpty().WithMessage("Say what the record is (for example the course or the role).")
            .MaximumLength(FieldLengths.Title).WithMessage($"Keep the title to {FieldLengths.Title} characters.");
        RuleFor(x => x.AchievedOn).NotNull().WithMessage("Enter the date it was achieved, for example 3 3 2026.");
        RuleFor(x => x.ExpiresOn).NotNull().WithMessage("Enter the date it expires, for example 3 3 2027.");
        RuleFor(x => x.ExpiresOn)
            .Must((x, to) => x.AchievedOn is not { } from || to is null || to > from)
            .WithMessage("The expiry date must be after the date it was achieved.");
    }
}

/// <summary>An assessor's capacity (issue 21): the most open cases bulk allocation may give them; blank for no limit.
/// Bound as text so whatever was typed comes back with the message.</summary>
public sealed class CapacityInput
{
    public string? MaxOpenCases { get; set; }

    /// <summary>The capacity, or null for no limit; call after <see cref="CapacityInputValidator"/> passed.</summary>
    public int? Parsed() => string.IsNullOrWhiteSpace(MaxOpenCases) ? null : int.Parse(MaxOpenCases.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class CapacityInputValidator : AbstractValidator<CapacityInput>
{
    public CapacityInputValidator() =>
        RuleFor(x => x.MaxOpenCases)
            .Must(v => string.IsNullOrWhiteSpace(v)
                || (int.TryParse(v.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Data.PortalUser.MaxOpenCasesLimit))
            .WithMessage($"Enter the capacity as a whole number from 1 to {Data.PortalUser.MaxOpenCasesLimit}, or leave it blank for no limit.");
}

public sealed record OrganisationOption(int Id, string Name);

public sealed record RoleFieldsModel(string Prefix, UserRolesInput Input, IReadOnlyList<OrganisationOption> Organisations);

public sealed record InviteUserViewModel(InviteUserInput Input, IReadOnlyList<OrganisationOption> Organisations, IReadOnlyList<string> Problems);

/// <summary>Roles and, where they need it, the employer organisation and the apprentice record.</summary>
public class UserRolesInput
{
    public List<string> Roles { get; set; } = [];

    public int? OrganisationId { get; set; }

    /// <summary>The ULN of the apprentice record this account signs in as (Apprentice role).</summary>
    public string? ApprenticeUln { get; set; }
}

public sealed class InviteUserInput : UserRolesInput
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }
}

public abstract class UserRolesRules<T> : AbstractValidator<T>
    where T : UserRolesInput
{
    protected UserRolesRules(IOptions<IdentifierOptions> identifiers)
    {
        RuleFor(x => x.Roles).NotEmpty().WithMessage("Choose at least one role.");
        RuleForEach(x => x.Roles).Must(r => Security.Roles.All.Contains(r)).WithMessage("Choose roles from the list.");
        RuleFor(x => x.OrganisationId).NotNull().When(x => x.Roles.Contains(Security.Roles.Employer) || x.Roles.Contains(Security.Roles.Provider))
            .WithMessage("An employer or training provider user belongs to an organisation: choose it.");
        RuleFor(x => x.ApprenticeUln).Custom((uln, context) =>
        {
            if (context.InstanceToValidate.Roles.Contains(Security.Roles.Apprentice) && !string.IsNullOrWhiteSpace(uln)
                && Domain.Identifiers.Uln.Validate(uln, identifiers.Value.EnforceUlnChecksum) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
    }
}

public sealed class UserRolesInputValidator(IOptions<IdentifierOptions> identifiers) : UserRolesRules<UserRolesInput>(identifiers);

public sealed class InviteUserInputValidator : UserRolesRules<InviteUserInput>
{
    public InviteUserInputValidator(IOptions<IdentifierOptions> identifiers)
        : base(identifiers)
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Enter the person's name.")
            .MaximumLength(PortalUser.DisplayNameMaxLength).WithMessage($"Keep the name to {PortalUser.DisplayNameMaxLength} characters or fewer.");
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the person's e-mail address.")
            .EmailAddress().WithMessage("Enter a valid e-mail address, for example name@example.com.")
            .MaximumLength(FieldLengths.Email).WithMessage($"Keep the e-mail address to {FieldLengths.Email} characters or fewer.");
        RuleFor(x => x.ApprenticeUln).NotEmpty().When(x => x.Roles.Contains(Security.Roles.Apprentice))
            .WithMessage("Enter the ULN of the apprentice this account is for.");
    }
}

public sealed class SetPasswordInput
{
    public string? UserId { get; set; }

    public string? Code { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class SetPasswordInputValidator : AbstractValidator<SetPasswordInput>
{
    public SetPasswordInputValidator()
    {
        RuleFor(x => x.Password).NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(IdentitySetup.MinimumPasswordLength).WithMessage($"Use at least {IdentitySetup.MinimumPasswordLength} characters; a few unrelated words make a strong password.")
            .MaximumLength(100).WithMessage("Use at most 100 characters.");
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The two passwords do not match.");
    }
}
