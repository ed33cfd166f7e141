using EpaPortal.Domain.Access;

namespace EpaPortal.Domain.Tests.TestData;

/// <summary>The people of the test world. The apprentice works for Acme Ltd (organisation 7).</summary>
internal static class Actors
{
    public const int AcmeId = 7;
    public const string AcmeName = "Acme Ltd";
    public const string AssessorId = "assessor-1";
    public const string ApprenticeUserId = "apprentice-user-1";

    public static readonly CaseParties Parties = new(ApprenticeUserId, AcmeId, AcmeName);

    /// <summary>The training provider of <see cref="PartiesWithProvider"/> (issue 19).</summary>
    public const int TrainerId = 11;

    public static readonly CaseParties PartiesWithProvider = new(ApprenticeUserId, AcmeId, AcmeName, TrainerId);

    public static readonly Actor Admin = new("admin-1", "Ada Admin", [PortalRole.Admin]);
    public static readonly Actor Assessor = new(AssessorId, "Sam Assessor", [PortalRole.Assessor]);
    public static readonly Actor OtherAssessor = new("assessor-2", "Kim Assessor", [PortalRole.Assessor]);
    public static readonly Actor QualityAssurer = new("qa-1", "Quinn Quality", [PortalRole.QualityAssurer]);
    public static readonly Actor Apprentice = new(ApprenticeUserId, "Alex Apprentice", [PortalRole.Apprentice]);
    public static readonly Actor OtherApprentice = new("apprentice-user-2", "Bo Apprentice", [PortalRole.Apprentice]);
    public static readonly Actor Employer = new("employer-1", "Erin Employer", [PortalRole.Employer], AcmeId);
    public static readonly Actor OtherEmployer = new("employer-9", "Olly Employer", [PortalRole.Employer], 9);
    public static readonly Actor Provider = new("provider-1", "Pia Provider", [PortalRole.Provider], TrainerId);
    public static readonly Actor OtherProvider = new("provider-9", "Oz Provider", [PortalRole.Provider], 12);
    public static readonly Actor Stranger = new("nobody-1", "No Roles", []);

    public static Actor AssessorWithId(string id) => new(id, $"Assessor {id}", [PortalRole.Assessor]);
}
