namespace EpaPortal.Domain.Assessment;

/// <summary>What an evidence reference points at, across the four methods.</summary>
public enum EvidenceSource
{
    PortfolioItem,
    ProjectFile,
    ReferenceSection,
    InterviewAnswer,
}

/// <summary>
/// A citation of evidence behind a judgement, e.g. portfolio item 12 or the employer reference's
/// "How" section. Stored as text "Source:Id" so one column holds a list of them.
/// </summary>
public readonly record struct EvidenceReference(EvidenceSource Source, string Id)
{
    public override string ToString() => $"{Source}:{Id}";

    public static bool TryParse(string? text, out EvidenceReference reference)
    {
        reference = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || !Enum.TryParse<EvidenceSource>(text[..colon], out var source) || !Enum.IsDefined(source))
        {
            return false;
        }

        reference = new EvidenceReference(source, text[(colon + 1)..]);
        return true;
    }
}
