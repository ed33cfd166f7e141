using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Admin;

/// <summary>
/// The case list's filter, sort and keyset page (the cursors of the sort, <see cref="AdminCasesService.Sorts"/>). Without a state the list shows open work; <see cref="All"/>
/// (<c>show=all</c>) adds the closed cases, the history (issue 26).
/// </summary>
public sealed record CaseListFilter(CaseState? State, bool OnHold, string? Q, string? After = null, string? Before = null, bool All = false, string? Sort = null);

public sealed record CaseListRow(int Id, string ApprenticeName, string Uln, string OrganisationName, CaseState State, bool IsOnHold, string? AssessorName, DateTimeOffset StateChangedAt, string VersionCode);

/// <summary>
/// One page of the case list. <see cref="OpenCounts"/> counts each open state (open work is small, whatever
/// the history); <see cref="Total"/> is exact up to <see cref="AdminCasesService.CountLimit"/>, then "more than"
/// (counting every closed case of years would make each view slower).
/// </summary>
public sealed record CaseListViewModel(CaseListFilter Filter, KeysetPage<CaseListRow> Cases, int Total, IReadOnlyDictionary<CaseState, int> OpenCounts)
{
    public bool TotalIsExact => Total <= AdminCasesService.CountLimit;
}

public sealed record AuditRow(long Id, DateTimeOffset At, string ActorName, string ActorId, string Action, int? CaseId, string? FromState, string? ToState, string? Reason, string? Details);

/// <summary>A move the signed-in admin could make now, and where it is made (null: on another team's page).</summary>
public sealed record AvailableMove(CaseState Target, string Label, string? Url);

public sealed record CaseDetailViewModel(
    int Id,
    CaseState State,
    bool IsOnHold,
    string? HoldReason,
    int Attempt,
    AttemptKind AttemptKind,
    int ApprenticeId,
    string ApprenticeName,
    string Uln,
    string ApprenticeEmail,
    bool ApprenticeHasAccount,
    DateOnly StartDate,
    string? ReasonableAdjustments,
    int OrganisationId,
    string OrganisationName,
    string VersionCode,
    string? AssessorName,
    IReadOnlyList<(string Label, string Value)> Dates,
    bool HasGateway,
    bool CanGrantExtension,
    bool IsTerminal,
    IReadOnlyList<AvailableMove> Moves,
    IReadOnlyList<AuditRow> Audit);

public sealed class CreateCaseInput
{
    public string? Uln { get; set; }

    public int? StandardVersionId { get; set; }

    /// <summary>The training provider the case names (issue 19); none for an employer that trains its apprentices itself.</summary>
    public int? ProviderOrganisationId { get; set; }
}

public sealed record VersionOption(int Id, string Label);

/// <summary>A training provider to choose for a case: its name and UKPRN.</summary>
public sealed record ProviderOption(int Id, string Label);

public sealed record CreateCaseViewModel(CreateCaseInput Input, IReadOnlyList<VersionOption> Versions, IReadOnlyList<string> Problems)
{
    public IReadOnlyList<ProviderOption> Providers { get; init; } = [];
}

public sealed class CreateCaseInputValidator : AbstractValidator<CreateCaseInput>
{
    public CreateCaseInputValidator(IOptions<IdentifierOptions> identifiers)
    {
        RuleFor(x => x.Uln).Custom((uln, context) =>
        {
            if (Domain.Identifiers.Uln.Validate(uln, identifiers.Value.EnforceUlnChecksum) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(x => x.StandardVersionId).NotNull().WithMessage("Choose the standard version the apprentice is assessed against.");
    }
}

/// <summary>The reason an admin gives for withdrawing, holding or resuming a case.</summary>
public sealed class ReasonInput
{
    public string? Reason { get; set; }
}

public sealed class ReasonInputValidator : AbstractValidator<ReasonInput>
{
    public ReasonInputValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason.")
            .MaximumLength(FieldLengths.Reason).WithMessage($"Keep the reason to {FieldLengths.Reason} characters or fewer.");
    }
}

public enum CaseAction
{
    Withdraw,
    Hold,
    Resume,
}

public sealed record CaseActionViewModel(int CaseId, string ApprenticeName, CaseState State, CaseAction Action, ReasonInput Input, IReadOnlyList<string> Problems)
{
    public string Title => Action switch
    {
        CaseAction.Withdraw => "Withdraw the case",
        CaseAction.Hold => "Put the case on hold",
        _ => "Resume the case",
    };
}

public sealed class ExtensionInput
{
    /// <summary>The last day of the extension (UK date); uploads are accepted until <see cref="UntilTime"/> that day.</summary>
    [System.ComponentModel.DataAnnotations.Display(Name = "Extension end date")]
    public DateOnly? UntilDate { get; set; }

    public TimeOnly? UntilTime { get; set; }

    public string? Reason { get; set; }
}

public sealed class ExtensionInputValidator : AbstractValidator<ExtensionInput>
{
    public ExtensionInputValidator()
    {
        RuleFor(x => x.UntilDate).NotNull().WithMessage("Enter the date the extension ends.");
        RuleFor(x => x.UntilTime).NotNull().WithMessage("Enter the time the extension ends (UK time).");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason for the extension (the special consideration).")
            .MaximumLength(FieldLengths.Reason).WithMessage($"Keep the reason to {FieldLengths.Reason} characters or fewer.");
    }
}

public sealed record ExtensionViewModel(int CaseId, string ApprenticeName, DateTimeOffset WindowOpensAt, DateTimeOffset WindowClosesAt, DateTimeOffset? ExtendedUntil, string? ExtensionReason, ExtensionInput Input, IReadOnlyList<string> Problems);
