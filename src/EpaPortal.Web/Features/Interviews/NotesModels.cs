using EpaPortal.Web.Features.Cases;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Assessor;
using FluentValidation;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>The whole pre-interview notes form: initial conclusions, free-text notes and the questions.</summary>
public sealed class NotesInput
{
    /// <summary>The version of the notes the form was built from (null before the first save).</summary>
    public Guid? Version { get; set; }

    public string? Notes { get; set; }

    /// <summary>One per grading area (AreaCode set) and one per competency (CompetencyId set).</summary>
    public List<ConclusionInput> Conclusions { get; set; } = [];

    /// <summary>The questions saved so far.</summary>
    public List<QuestionInput> Questions { get; set; } = [];

    /// <summary>Blank rows for new questions (empty rows are ignored).</summary>
    public List<QuestionInput> NewQuestions { get; set; } = [];

    /// <summary>The portal's proposals; ticked ones are added as questions.</summary>
    public List<SuggestionInput> Suggestions { get; set; } = [];
}

public sealed class ConclusionInput
{
    public string? AreaCode { get; set; }

    public int? CompetencyId { get; set; }

    /// <summary>Null: not recorded yet.</summary>
    public InitialLevel? Level { get; set; }

    public List<string> EvidenceRefs { get; set; } = [];

    public string? Comment { get; set; }
}

public sealed class QuestionInput
{
    public int? Id { get; set; }

    public string? Text { get; set; }

    public List<int> CompetencyIds { get; set; } = [];

    public bool Delete { get; set; }
}

public sealed class SuggestionInput
{
    public int CompetencyId { get; set; }

    public string? Text { get; set; }

    public bool Accept { get; set; }
}

public sealed class NotesInputValidator : AbstractValidator<NotesInput>
{
    public NotesInputValidator()
    {
        RuleFor(x => x.Notes).MaximumLength(FieldLengths.LongText).WithMessage($"The notes can be at most {FieldLengths.LongText} characters.");
        RuleForEach(x => x.Conclusions).ChildRules(c =>
        {
            c.RuleFor(x => x.Comment).MaximumLength(FieldLengths.Description).WithMessage($"A comment can be at most {FieldLengths.Description} characters.");
            c.RuleFor(x => x.Level).IsInEnum().WithMessage("Choose a level from the list.");
            c.RuleFor(x => x.EvidenceRefs).Must(r => string.Join(",", r).Length <= FieldLengths.EvidenceRefs).WithMessage("Too many evidence references for one conclusion.");
        });
        RuleForEach(x => x.Questions).ChildRules(q =>
        {
            q.RuleFor(x => x.Text).NotEmpty().When(x => !x.Delete).WithMessage("Write the question, or tick Delete to remove it.")
                .MaximumLength(FieldLengths.Description).WithMessage($"A question can be at most {FieldLengths.Description} characters.");
        });
        RuleForEach(x => x.NewQuestions).ChildRules(q =>
            q.RuleFor(x => x.Text).MaximumLength(FieldLengths.Description).WithMessage($"A question can be at most {FieldLengths.Description} characters."));
        RuleForEach(x => x.Suggestions).ChildRules(s =>
        {
            s.RuleFor(x => x.Text).NotEmpty().When(x => x.Accept).WithMessage("Write the question before adding it, or untick it.")
                .MaximumLength(FieldLengths.Description).WithMessage($"A question can be at most {FieldLengths.Description} characters.");
        });
    }
}

/// <summary>A proposed question for a competency with weak or missing evidence.</summary>
public sealed record SuggestionRow(int Index, CompetencyInfo Competency, string Why, SuggestionInput Input);

/// <summary>Something that differs between what the user typed and what someone else saved meanwhile.</summary>
public sealed record ConflictDifference(string What, string Theirs, string Yours);

/// <summary>Shown when a save was refused because the data changed since the form was loaded.</summary>
public sealed record ConflictInfo(DateTimeOffset? SavedAt, IReadOnlyList<ConflictDifference> Differences);

public sealed record NotesViewModel(
    CaseAccessInfo Header,
    StandardOutline Outline,
    EvidenceCatalogue Evidence,
    bool Editable,
    string? ReadOnlyReason,
    DateTimeOffset? SavedAt,
    NotesInput Input,
    IReadOnlyList<SuggestionRow> Suggestions,
    IReadOnlyDictionary<int, QuestionOrigin> QuestionOrigins,
    ConflictInfo? Conflict)
{
    /// <summary>Conclusions recorded so far, of one per area and per competency.</summary>
    public int RecordedCount => Input.Conclusions.Count(c => c.Level is not null);

    public int ExpectedCount => Outline.Areas.Count + Outline.Competencies.Count();

    public ConclusionInput? AreaConclusion(string areaCode) => Input.Conclusions.FirstOrDefault(c => c.CompetencyId is null && c.AreaCode == areaCode);

    public ConclusionInput? CompetencyConclusion(int competencyId) => Input.Conclusions.FirstOrDefault(c => c.CompetencyId == competencyId);
}

public static class InitialLevels
{
    public static IReadOnlyList<InitialLevel> All { get; } = [InitialLevel.NotYetEvident, InitialLevel.Below, InitialLevel.Expected, InitialLevel.Above];

    public static string Label(InitialLevel level) => level switch
    {
        InitialLevel.NotYetEvident => "Not yet evident",
        InitialLevel.Below => "Below",
        InitialLevel.Expected => "Expected",
        InitialLevel.Above => "Above",
        _ => level.ToString(),
    };
}

/// <summary>One row of the initial conclusions form (an area or a competency).</summary>
/// <param name="Index">The row's index in the posted conclusions.</param>
/// <param name="Title">The area's or competency's name.</param>
/// <param name="Description">The competency's description.</param>
/// <param name="Hint">How much portfolio evidence is mapped to it.</param>
/// <param name="Input">The row's current values.</param>
/// <param name="Evidence">The case's evidence.</param>
/// <param name="CompetencyId">The competency of a competency row; null for an area row.</param>
/// <param name="CompetencyIds">The row's competency, or the area's competencies for an area row (the matrix shows their mapped evidence first).</param>
/// <param name="CaseId">The case, for the evidence's preview links.</param>
public sealed record ConclusionRowModel(int Index, string Title, string? Description, string? Hint, ConclusionInput Input, EvidenceCatalogue Evidence, int? CompetencyId, IReadOnlyCollection<int> CompetencyIds, int CaseId);
