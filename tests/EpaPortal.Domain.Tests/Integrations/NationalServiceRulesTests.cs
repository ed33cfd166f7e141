using EpaPortal.Domain.Common;
using EpaPortal.Domain.Integrations;

namespace EpaPortal.Domain.Tests.Integrations;

/// <summary>Issue 23 item 4: what the national apprenticeship assessment service accepts.</summary>
[Trait("Category", "Unit")]
public class NationalServiceRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly PostalContact Contact = PostalContact.FromAddress("Alex Apprentice", null, "1 High Street\nLeeds\nLS1 4AB")!;

    [Theory]
    [InlineData("LS1 4AB", true)]
    [InlineData("SW1A 1AA", true)]
    [InlineData("ec1a1bb", true)]
    [InlineData("GIR 0AA", true)]
    [InlineData("LS1 4A", false)]
    [InlineData("12345", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void UkPostcode_FollowsTheServicesPattern(string? postcode, bool valid) => Assert.Equal(valid, UkPostcode.IsValid(postcode));

    [Fact]
    public void PostalContact_ReadsStreetTownAndPostcodeFromTheAddress()
    {
        var contact = PostalContact.FromAddress("Alex", "Acme Ltd", "Flat 2, 1 High Street, Headingley\nLeeds\nls6 3aa");
        Assert.NotNull(contact);
        Assert.Equal(("Flat 2", "1 High Street", "Headingley", "Leeds", "LS6 3AA"), (contact.AddressLine1, contact.AddressLine2, contact.AddressLine3, contact.City, contact.PostCode));
    }

    [Fact]
    public void PostalContact_ReadsAPostcodeWrittenOnTheTownsLine()
    {
        var contact = PostalContact.FromAddress("Alex", null, "3 Scenario Street, York YO1 1AA");
        Assert.NotNull(contact);
        Assert.Equal(("3 Scenario Street", "York", "YO1 1AA"), (contact.AddressLine1, contact.City, contact.PostCode));
    }

    [Theory]
    [InlineData("Leeds")]
    [InlineData("Leeds LS1 4AB")]
    [InlineData("1 High Street\nLeeds\nnot a postcode")]
    [InlineData(null)]
    public void PostalContact_WithoutStreetTownAndValidPostcode_IsNull(string? address) => Assert.Null(PostalContact.FromAddress("Alex", null, address));

    [Theory]
    [InlineData(Grade.Pass, "Pass")]
    [InlineData(Grade.Merit, "Merit")]
    [InlineData(Grade.Distinction, "Distinction")]
    [InlineData(Grade.Fail, null)]
    public void CertificateGrade_AFailIsNeverACertificateGrade(Grade grade, string? expected) => Assert.Equal(expected, NationalServiceRules.CertificateGrade(grade));

    [Fact]
    public void Attempt_AFailIsAnEpaOutcome_WithItsResitOrRetake()
    {
        Assert.Equal(new EpaAttemptRecord(Today, EpaOutcome.Fail, false, false), NationalServiceRules.Attempt(Today, Grade.Fail, AttemptKind.First));
        Assert.Equal(new EpaAttemptRecord(Today, EpaOutcome.Pass, true, false), NationalServiceRules.Attempt(Today, Grade.Merit, AttemptKind.Resit));
        Assert.Equal(new EpaAttemptRecord(Today, EpaOutcome.Pass, false, true), NationalServiceRules.Attempt(Today, Grade.Pass, AttemptKind.Retake));
    }

    [Fact]
    public void CheckCertificate_AValidPass_HasNoProblems() =>
        Assert.Empty(NationalServiceRules.CheckCertificate(Grade.Pass, Today, Contact, Today));

    [Theory]
    [InlineData(Grade.Fail, 2026, 10, 1, "Cannot record a Fail grade via API")]
    [InlineData(Grade.Pass, 2016, 12, 31, "Achievement date cannot be before 01 01 2017")]
    [InlineData(Grade.Pass, 2026, 11, 3, "Achievement date cannot be in the future")]
    public void CheckCertificate_BreakingARule_SaysWhichInTheServicesWords(Grade grade, int year, int month, int day, string problem) =>
        Assert.Contains(problem, NationalServiceRules.CheckCertificate(grade, new DateOnly(year, month, day), Contact, Today));

    [Fact]
    public void CheckCertificate_NoDateOrPostcode_IsRefused()
    {
        var problems = NationalServiceRules.CheckCertificate(Grade.Merit, null, null, Today);
        Assert.Contains("Provide the achievement date", problems);
        Assert.Contains("Provide a valid UK postcode", problems);
    }

    [Fact]
    public void CheckEpaRecord_DatesBetween2017AndToday()
    {
        Assert.Empty(NationalServiceRules.CheckEpaRecord([new EpaAttemptRecord(Today, EpaOutcome.Pass, false, false)], Today));
        Assert.Equal(["EPA Date cannot be in the future"], NationalServiceRules.CheckEpaRecord([new EpaAttemptRecord(Today.AddDays(1), EpaOutcome.Pass, false, false)], Today));
        Assert.Equal(["EPA Date cannot be before 01 01 2017"], NationalServiceRules.CheckEpaRecord([new EpaAttemptRecord(new DateOnly(2016, 5, 1), EpaOutcome.Fail, false, false)], Today));
        Assert.Equal(["Provide EPA Details"], NationalServiceRules.CheckEpaRecord([], Today));
    }
}
