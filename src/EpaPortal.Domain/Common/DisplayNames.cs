using System.Globalization;
using System.Text;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Common;

/// <summary>The business's words for enum values, used in messages the domain writes for users.</summary>
public static class DisplayNames
{
    public static string Of(CaseState state) => state switch
    {
        CaseState.Registered => "Registered",
        CaseState.GatewaySubmitted => "Gateway submitted",
        CaseState.GatewayRejected => "Gateway rejected",
        CaseState.GatewayApproved => "Gateway approved",
        CaseState.ProjectScheduled => "Project scheduled",
        CaseState.ProjectInProgress => "Project in progress",
        CaseState.ProjectSubmitted => "Project submitted",
        CaseState.PreInterviewReview => "Pre-interview review",
        CaseState.InterviewScheduled => "Interview scheduled",
        CaseState.InterviewCompleted => "Interview completed",
        CaseState.Graded => "Graded",
        CaseState.IqaApproved => "Quality assured",
        CaseState.ResultReleased => "Result released",
        CaseState.CertificateRequested => "Certificate requested",
        CaseState.FailRecorded => "Fail recorded",
        CaseState.ResitPlanned => "Re-sit planned",
        CaseState.RetakePlanned => "Re-take planned",
        CaseState.AppealLodged => "Appeal lodged",
        CaseState.AppealUpheld => "Appeal upheld",
        CaseState.AppealRejected => "Appeal rejected",
        CaseState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };

    public static string Of(AssessmentMethod method) => method switch
    {
        AssessmentMethod.Portfolio => "portfolio",
        AssessmentMethod.Project => "synoptic project",
        AssessmentMethod.EmployerReference => "employer reference",
        AssessmentMethod.Interview => "interview",
        _ => method.ToString(),
    };

    public static string Of(GatewayItem item) => item switch
    {
        GatewayItem.KnowledgeModules => "Knowledge modules",
        GatewayItem.EnglishAndMaths => "English and maths",
        GatewayItem.TimeOnProgramme => "Time on programme",
        GatewayItem.PortfolioAndReference => "Portfolio and employer reference",
        GatewayItem.Readiness => "Readiness declaration",
        GatewayItem.CertificateConsent => "Certificate consent",
        _ => item.ToString(),
    };

    public static string Of(AttemptKind kind) => kind switch
    {
        AttemptKind.First => "first attempt",
        AttemptKind.Resit => "re-sit",
        AttemptKind.Retake => "re-take",
        _ => kind.ToString(),
    };

    public static string Of(GradingScheme scheme) => scheme switch
    {
        GradingScheme.HolisticAreas => "Holistic areas (What, How, With Whom)",
        GradingScheme.CriteriaPerMethod => "Pass and distinction criteria per method",
        _ => Words(scheme.ToString()),
    };

    /// <summary>"ST0128 version 1.0": a standard version as people name it (its code is "ST0128_1.0").</summary>
    public static string StandardVersion(string reference, string version) => $"{reference} version {version}";

    /// <summary>"ST0128 version 1.0", or "version 1.0" before the standard is loaded.</summary>
    public static string Of(StandardVersion version) =>
        version.Standard is null ? $"version {version.Version}" : StandardVersion(version.Standard.Reference, version.Version);

    /// <summary>
    /// A stored code as words: "StateChanged" → "State changed", "QaCaseRead" → "QA case read",
    /// "GatewaySubmitted" → "Gateway submitted" (a case state's own name when it is one).
    /// </summary>
    public static string Words(string code)
    {
        if (Enum.TryParse<CaseState>(code, out var state) && Enum.IsDefined(state) && !code.All(char.IsDigit))
        {
            return Of(state);
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in code)
        {
            if (char.IsUpper(c) && word.Length > 0 && !char.IsUpper(word[^1]))
            {
                words.Add(word.ToString());
                word.Clear();
            }

            word.Append(c);
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return string.Join(' ', words.Select((w, i) => Acronyms.TryGetValue(w, out var acronym) ? acronym : i == 0 ? w : w.ToLowerInvariant()));
    }

    /// <summary>"no evidence items", "1 evidence item", "3 evidence items".</summary>
    public static string Count(int count, string singular, string? plural = null) => count switch
    {
        0 => $"no {plural ?? singular + "s"}",
        1 => $"1 {singular}",
        _ => $"{count.ToString("#,0", CultureInfo.InvariantCulture)} {plural ?? singular + "s"}",
    };

    /// <summary><see cref="Count"/> at the start of a sentence: "No evidence items", "1 evidence item".</summary>
    public static string CountSentence(int count, string singular, string? plural = null)
    {
        var text = Count(count, singular, plural);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.Ordinal)
    {
        ["Qa"] = "QA",
        ["Iqa"] = "IQA",
        ["Uln"] = "ULN",
        ["Epa"] = "EPA",
    };

    /// <summary>"3 March 2027", the same on every server culture.</summary>
    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"3 March 2027 at 09:00", in the offset the moment carries.</summary>
    public static string Moment(DateTimeOffset at) => at.ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
