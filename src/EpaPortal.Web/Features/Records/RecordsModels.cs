using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Data.AuditTrail;
using FluentValidation;

namespace EpaPortal.Web.Features.Records;

// ---- The audit trail's chain (admin) ----

public sealed record VerificationRow(int Id, DateTimeOffset RequestedAt, string RequestedByName, VerificationStatus Status, DateTimeOffset? FinishedAt,
    long EntriesChecked, int FilesChecked, long HeadSequence, string? HeadHash, int BreakCount, string? FirstBreak, string? Anchor);

public sealed record AuditChainViewModel(AuditChainHead Head, long EntryCount, IReadOnlyList<VerificationRow> Runs, VerifyInput Input, IReadOnlyList<string> Problems)
{
    /// <summary>What an admin copies into the periodic signed report to anchor the chain.</summary>
    public string AnchorText => Head.Sequence == 0 ? "(the chain is empty)" : new AuditAnchor(Head.Sequence, Head.Hash).ToString();
}

public sealed record VerificationViewModel(VerificationRow Run, IReadOnlyList<string> Breaks);

public sealed class VerifyInput
{
    /// <summary>Optional "number:hash" noted outside the portal.</summary>
    public string? Anchor { get; set; }
}

public sealed class VerifyInputValidator : AbstractValidator<VerifyInput>
{
    public const string AnchorInvalid = "Enter the anchor as the entry number, a colon and its 64-character hash (for example 1520:9f86d0…), as the report printed it, or leave it empty.";

    public VerifyInputValidator()
    {
        RuleFor(x => x.Anchor).Must(a => string.IsNullOrWhiteSpace(a) || AuditAnchor.Parse(a) is not null).WithMessage(AnchorInvalid)
            .MaximumLength(100).WithMessage(AnchorInvalid);
    }
}

// ---- Retention (admin) ----

public sealed class ScheduleRowInput
{
    public DataClass DataClass { get; set; }

    public int? Months { get; set; }

    public RetentionEvent CountedFrom { get; set; }
}

public sealed class ScheduleInput
{
    public List<ScheduleRowInput> Rows { get; set; } = [];
}

public sealed class ScheduleInputValidator : AbstractValidator<ScheduleInput>
{
    public ScheduleInputValidator()
    {
        RuleFor(x => x.Rows).Must(rows => rows.Select(r => r.DataClass).Distinct().Count() == rows.Count && rows.Count == Enum.GetValues<DataClass>().Length)
            .WithMessage("Give a period for every class of data.");
        RuleForEach(x => x.Rows).ChildRules(row =>
        {
            row.RuleFor(r => r.Months).NotNull().WithMessage(r => $"Enter a period in months for {RetentionSchedule.Describe(r.DataClass).ToLowerInvariant()}.")
                .InclusiveBetween(RetentionRule.MinMonths, RetentionRule.MaxMonths)
                .WithMessage(r => $"The period for {RetentionSchedule.Describe(r.DataClass).ToLowerInvariant()} must be between {RetentionRule.MinMonths} and {RetentionRule.MaxMonths} months.");
            row.RuleFor(r => r.CountedFrom).Must((r, counted) => RetentionSchedule.EventsFor(r.DataClass).Contains(counted))
                .WithMessage(r => $"{RetentionSchedule.Describe(r.DataClass)} cannot be counted from {RetentionSchedule.Describe(r.CountedFrom)}.");
        });
    }
}

public sealed record ScheduleRow(RetentionRule Rule, RetentionRule Default, string? SetBy, DateTimeOffset? SetAt);

public sealed record LegalHoldRow(int CaseId, string ApprenticeName, string Reason, string PlacedByName, DateTimeOffset PlacedAt);

public sealed record ReportRow(int Id, DateTimeOffset RequestedAt, string RequestedByName, RetentionReportStatus Status, DateTimeOffset? AsOf, int ItemCount, string? Summary,
    string? ApprovedByName, DateTimeOffset? ApprovedAt, DateTimeOffset? CarriedOutAt, string? CarriedOutSummary);

public sealed record RetentionViewModel(IReadOnlyList<ScheduleRow> Schedule, ScheduleInput Input, IReadOnlyList<LegalHoldRow> Holds, IReadOnlyList<ReportRow> Reports,
    bool AutoApprove, IReadOnlyList<string> Problems);

public sealed record ReportItemRow(long Id, DataClass DataClass, int? CaseId, string SubjectKey, int RecordCount, DateTimeOffset? DueAt, string Description, RetentionItemOutcome Outcome, string? Note);

public sealed record RetentionReportViewModel(ReportRow Report, string? Schedule, IReadOnlyList<ReportItemRow> Items, int Page, int Pages, DataClass? Class,
    IReadOnlyDictionary<DataClass, int> ItemsByClass, IReadOnlyList<string> Problems);

public sealed record LegalHoldViewModel(int CaseId, string ApprenticeName, string State, LegalHoldRow? Hold, Admin.ReasonInput Input, IReadOnlyList<string> Problems);

// ---- Privacy requests (the person, and the admin) ----

public sealed class PrivacyRequestInput
{
    public PrivacyRequestKind? Kind { get; set; }

    public string? Details { get; set; }
}

public sealed class PrivacyRequestInputValidator : AbstractValidator<PrivacyRequestInput>
{
    public const string KindRequired = "Choose whether you want something corrected or erased.";
    public const string DetailsRequired = "Say what should be corrected (and what it should say) or what should be erased.";

    public PrivacyRequestInputValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage(KindRequired).IsInEnum().WithMessage(KindRequired);
        RuleFor(x => x.Details).NotEmpty().WithMessage(DetailsRequired)
            .MaximumLength(PrivacyRequest.DetailsMaxLength).WithMessage($"Keep it to {PrivacyRequest.DetailsMaxLength} characters or fewer.");
    }
}

public sealed record PrivacyRequestRow(int Id, string UserId, string RequesterName, PrivacyRequestKind Kind, string Details, DateTimeOffset CreatedAt, PrivacyRequestStatus Status,
    string? DecidedByName, DateTimeOffset? DecidedAt, string? DecisionReason, string? Outcome);

public sealed record MyPrivacyViewModel(IReadOnlyList<PrivacyRequestRow> Requests, PrivacyRequestInput Input, IReadOnlyList<string> Problems);

public sealed record PrivacyRequestsViewModel(IReadOnlyList<PrivacyRequestRow> Open, IReadOnlyList<PrivacyRequestRow> Decided);

/// <summary>What the portal holds about the requester that a decision can act on.</summary>
public sealed record PersonRecord(string UserId, string Name, string Email, int? ApprenticeId, string? GivenNames, string? FamilyName, DateOnly? DateOfBirth,
    string? PostalAddress, bool HasOpenCase, bool HasCaseOnLegalHold, bool IsAnonymised, IReadOnlyList<string> KeptUntil);

public enum DecisionChoice
{
    Grant,
    Refuse,
}

public sealed class DecisionInput
{
    public DecisionChoice? Choice { get; set; }

    public string? Reason { get; set; }

    // Corrections (rectification): the new values; empty leaves a field as it is.
    public string? DisplayName { get; set; }

    public string? GivenNames { get; set; }

    public string? FamilyName { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    public string? PostalAddress { get; set; }
}

public sealed class DecisionInputValidator : AbstractValidator<DecisionInput>
{
    public DecisionInputValidator()
    {
        RuleFor(x => x.Choice).NotNull().WithMessage("Choose whether to grant or refuse the request.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason for the decision: the person reads it.")
            .MaximumLength(FieldLengths.Reason).WithMessage($"Keep the reason to {FieldLengths.Reason} characters or fewer.");
        RuleFor(x => x.DisplayName).MaximumLength(FieldLengths.Name).WithMessage($"Keep the name to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.GivenNames).MaximumLength(FieldLengths.Name).WithMessage($"Keep the given names to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.FamilyName).MaximumLength(FieldLengths.Name).WithMessage($"Keep the family name to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.PostalAddress).MaximumLength(FieldLengths.Address).WithMessage($"Keep the address to {FieldLengths.Address} characters or fewer.");
    }
}

public sealed record PrivacyRequestViewModel(PrivacyRequestRow Request, PersonRecord? Person, DecisionInput Input, IReadOnlyList<string> Problems);

// ---- Subject access exports (admin) ----

public sealed record PersonOption(string? UserId, int? ApprenticeId, string Name, string Email, string What);

public sealed record ExportRow(int Id, string SubjectName, string RequestedByName, DateTimeOffset RequestedAt, ExportStatus Status,
    long? SizeBytes, string? Summary, DateTimeOffset? ExpiresAt, DateTimeOffset? DownloadedAt, string? DownloadedByName, string? Problem);

public sealed record ExportsViewModel(string? Query, IReadOnlyList<PersonOption> Matches, IReadOnlyList<ExportRow> Exports);

public sealed class ExportInput
{
    public string? UserId { get; set; }

    public int? ApprenticeId { get; set; }
}

public sealed class ExportInputValidator : AbstractValidator<ExportInput>
{
    public ExportInputValidator()
    {
        RuleFor(x => x).Must(x => x.UserId is not null || x.ApprenticeId is not null).WithMessage("Choose the person the export is for.");
    }
}

public sealed record NewExportViewModel(PersonOption Person, ExportInput Input, IReadOnlyList<string> Problems);
