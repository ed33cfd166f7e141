namespace EpaPortal.Domain.Common;

/// <summary>
/// Maximum text lengths, shared by the EF Core configuration (column sizes) and the input validators
/// (messages), so the two never disagree.
/// </summary>
public static class FieldLengths
{
    public const int Name = 200;
    public const int Title = 200;
    public const int Email = 256;
    public const int ShortText = 500;
    public const int Description = 2000;
    public const int Reason = 2000;
    public const int Narrative = 8000;
    public const int LongText = 20000;
    public const int FileName = 255;
    public const int ContentType = 100;
    public const int Sha256Hex = 64;
    public const int StorageKey = 100;
    public const int UserId = 450;
    public const int Uln = 10;
    public const int Ukprn = 8;
    public const int StandardReference = 6;
    public const int VersionLabel = 20;
    public const int Code = 40;
    public const int Address = 1000;
    public const int EvidenceRefs = 4000;
}
