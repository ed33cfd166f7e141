using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Organisations;

/// <summary>Who receives the apprenticeship certificate (domain.md section 9).</summary>
public enum CertificateRecipient
{
    Apprentice,
    Employer,
}

/// <summary>An apprentice, identified nationally by their ULN.</summary>
public class Apprentice
{
    private readonly List<EntryQualification> _entryQualifications = [];

    private Apprentice()
    {
        Uln = GivenNames = FamilyName = Email = string.Empty;
    }

    public Apprentice(string uln, string givenNames, string familyName, string email, int organisationId, DateOnly startDate)
    {
        Uln = uln;
        GivenNames = givenNames;
        FamilyName = familyName;
        Email = email;
        OrganisationId = organisationId;
        StartDate = startDate;
    }

    public int Id { get; private set; }

    /// <summary>Unique Learner Number: 10 digits with a checksum (see the ULN rules).</summary>
    public string Uln { get; private set; }

    public string GivenNames { get; set; }

    public string FamilyName { get; set; }

    public string FullName => $"{GivenNames} {FamilyName}";

    public string Email { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>The employer. Fixed when the apprentice is added: each case keeps a copy (<see cref="Cases.EpaCase.OrganisationId"/>).</summary>
    public int OrganisationId { get; private set; }

    public Organisation? Organisation { get; private set; }

    /// <summary>The Identity user that signs in as this apprentice, once invited.</summary>
    public string? UserId { get; set; }

    public DateOnly StartDate { get; set; }

    /// <summary>Whose bank holidays every working-day deadline of the apprentice's cases skips.</summary>
    public UkNation Nation { get; set; } = UkNation.EnglandAndWales;

    public string? PostalAddress { get; set; }

    public CertificateRecipient CertificateRecipient { get; set; } = CertificateRecipient.Apprentice;

    /// <summary>Agreed before the gateway; changes scheduling, not what is assessed.</summary>
    public string? ReasonableAdjustments { get; set; }

    public IReadOnlyList<EntryQualification> EntryQualifications => _entryQualifications;

    public EntryQualification AddEntryQualification(string kind, string subject, string? grade, DateOnly? achievedOn)
    {
        var qualification = new EntryQualification(kind, subject, grade, achievedOn);
        _entryQualifications.Add(qualification);
        return qualification;
    }

    public void RemoveEntryQualification(EntryQualification qualification) => _entryQualifications.Remove(qualification);
}

/// <summary>An entry requirement the employer recorded (GCSE, other qualification, aptitude test...).</summary>
public class EntryQualification
{
    private EntryQualification()
    {
        Kind = Subject = string.Empty;
    }

    internal EntryQualification(string kind, string subject, string? grade, DateOnly? achievedOn)
    {
        Kind = kind;
        Subject = subject;
        Grade = grade;
        AchievedOn = achievedOn;
    }

    public int Id { get; private set; }

    public int ApprenticeId { get; private set; }

    /// <summary>e.g. "GCSE", "A level", "Aptitude test".</summary>
    public string Kind { get; private set; }

    public string Subject { get; private set; }

    public string? Grade { get; private set; }

    public DateOnly? AchievedOn { get; private set; }
}
