using EpaPortal.Domain.Organisations;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Standardisation records (issue 21, item 6): a kind lapses when its latest record has expired.</summary>
[Trait("Category", "Unit")]
public class AssessorStandingTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void Lapsed_TheLatestRecordOfAKindExpired_WarnsWithTheDay()
    {
        var warnings = AssessorStanding.Lapsed([(AssessorRecordKind.OccupationalCompetence, new DateOnly(2026, 11, 30)), (AssessorRecordKind.Cpd, Today)], Today);

        Assert.Equal("Occupational competence record lapsed on 30 November 2026.", Assert.Single(warnings));
    }

    [Fact]
    public void Lapsed_AnExpiredRecordRenewedByALaterOne_DoesNotWarn()
    {
        Assert.Empty(AssessorStanding.Lapsed([(AssessorRecordKind.Cpd, new DateOnly(2025, 1, 1)), (AssessorRecordKind.Cpd, new DateOnly(2027, 1, 1))], Today));
        Assert.Empty(AssessorStanding.Lapsed([], Today));
    }

    [Fact]
    public void Record_ExpiringBeforeItWasAchieved_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new AssessorRecord("a", AssessorRecordKind.Cpd, "Course", Today, Today, "admin", DateTimeOffset.UnixEpoch));
        Assert.True(new AssessorRecord("a", AssessorRecordKind.Cpd, "Course", Today.AddYears(-1), Today.AddDays(-1), "admin", DateTimeOffset.UnixEpoch).IsLapsedOn(Today));
    }
}
