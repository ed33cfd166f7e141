using EpaPortal.Domain.Common;
using FluentValidation;

namespace EpaPortal.Web.Features.Conflicts;

public sealed record ConflictRow(int Id, string AssessorName, int OrganisationId, string OrganisationName, string Reason, DateOnly From, DateOnly? To, DateTimeOffset DeclaredAt, string Status, bool InForce);

public sealed record OrganisationChoice(int Id, string Name);

public sealed record MyConflictsViewModel(IReadOnlyList<ConflictRow> Conflicts, IReadOnlyList<OrganisationChoice> Organisations, DeclareConflictInput Input);

public sealed record AdminConflictsViewModel(IReadOnlyList<ConflictRow> Conflicts, bool InForceOnly, int? OrganisationId, IReadOnlyList<OrganisationChoice> Organisations);

public sealed class DeclareConflictInput
{
    public int? OrganisationId { get; set; }

    public string? Reason { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "From date")]
    public DateOnly? From { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "To date")]
    public DateOnly? To { get; set; }
}

public sealed class DeclareConflictInputValidator : AbstractValidator<DeclareConflictInput>
{
    public DeclareConflictInputValidator()
    {
        RuleFor(x => x.OrganisationId).NotNull().WithMessage("Choose the organisation you have a conflict with.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say what the conflict is (for example: former employee, family member works there).")
            .MaximumLength(FieldLengths.Reason).WithMessage($"Keep the reason to {FieldLengths.Reason} characters or fewer.");
        RuleFor(x => x.From).NotNull().WithMessage("Enter the date the conflict starts.");
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("The end date cannot be before the start date.");
    }
}
