using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Reporting;

namespace EpaPortal.Domain.Tests.Reporting;

[Trait("Category", "Unit")]
public class ManagementReportsTests
{
    private static readonly DateTimeOffset Day = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static DecisionFact Decision(int id, int caseId, Grade grade, int attempt = 1, int employer = 1, int? provider = null, string assessor = "a1",
        QaStatus qa = QaStatus.NotSampled, string? reason = null, bool released = true, int releasedAfterDays = 0, AttemptKind kind = AttemptKind.First, int? days = null, bool? within = null) =>
        new(id, caseId, attempt, kind, assessor, employer, provider, grade, Day, qa, reason, released ? Day.AddDays(releasedAfterDays) : null, days, within);

    [Theory]
    [InlineData(0, 0, "no cases", false)]
    [InlineData(1, 2, "50% (1 of 2; fewer than 5 cases)", false)]
    [InlineData(4, 4, "100% (4 of 4; fewer than 5 cases)", false)]
    [InlineData(4, 5, "80% (4 of 5)", true)]
    [InlineData(2, 3, "67% (2 of 3; fewer than 5 cases)", false)]
    [InlineData(1, 8, "13% (1 of 8)", true)]
    public void Rate_OverFewerThanFiveCases_SaysSo(int count, int of, string text, bool reliable)
    {
        var rate = new ReportRate(count, of);
        Assert.Equal(text, rate.Text);
        Assert.Equal(reliable, rate.IsReliable);
    }

    [Fact]
    public void TheDefaultPeriod_IsTheTwelveMonthsToToday()
    {
        Assert.Equal((new DateOnly(2025, 12, 8), new DateOnly(2026, 12, 7)), ManagementReports.DefaultPeriod(new DateOnly(2026, 12, 7)));
        Assert.Equal((new DateOnly(2023, 3, 1), new DateOnly(2024, 2, 29)), ManagementReports.DefaultPeriod(new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void Results_AreTheLatestReleaseOfEachAttempt_AndUnreleasedDecisionsAreLeftOut()
    {
        DecisionFact[] facts =
        [
            Decision(1, 10, Grade.Fail),
            Decision(2, 10, Grade.Merit, releasedAfterDays: 20),
            Decision(3, 11, Grade.Pass, released: false),
            Decision(4, 12, Grade.Pass, attempt: 2, kind: AttemptKind.Resit),
        ];

        var results = ManagementReports.Results(facts);

        Assert.Equal([2, 4], results.Select(r => r.DecisionId).Order());
        var totals = ManagementReports.Totals(facts, [], ManagementReports.ResultFigures.Concat(ManagementReports.QualityFigures).Concat(ManagementReports.AttemptFigures).ToList());
        Assert.Equal(2, totals[ReportFigure.Results]);
        Assert.Equal(1, totals[ReportFigure.FirstAttempts]);
        Assert.Equal(1, totals[ReportFigure.FirstTimePasses]);
        Assert.Equal(4, totals[ReportFigure.Decisions]);
        Assert.Equal(1, totals[ReportFigure.Resits]);
        Assert.Equal(1, totals[ReportFigure.ResitPasses]);
    }

    [Fact]
    public void Table_CountsEachGroup_AndSelectListsTheSameItems()
    {
        DecisionFact[] facts =
        [
            Decision(1, 1, Grade.Pass, employer: 1, provider: 7),
            Decision(2, 2, Grade.Fail, employer: 1),
            Decision(3, 3, Grade.Merit, employer: 2, provider: 7, qa: QaStatus.Returned, reason: " Thin evidence "),
            Decision(4, 4, Grade.Distinction, employer: 2, assessor: "a2", qa: QaStatus.Approved),
        ];

        var (rows, total) = ManagementReports.Table(facts, [], ReportGrouping.Provider, ManagementReports.ResultFigures);

        Assert.Equal(4, total[ReportFigure.Results]);
        var none = rows.Single(r => r.Key is null);
        Assert.Equal(2, none[ReportFigure.Results]);
        Assert.Equal(1, none[ReportFigure.Passed]);
        Assert.Equal("50% (1 of 2; fewer than 5 cases)", none.Rate(ReportFigure.Passed, ReportFigure.Results).Text);
        foreach (var row in rows)
        {
            foreach (var figure in ManagementReports.ResultFigures)
            {
                Assert.Equal(row[figure], ManagementReports.Select(facts, [], figure, ReportGrouping.Provider, row.Key).Count);
            }
        }

        Assert.Equal([3, 4], ManagementReports.Select(facts, [], ReportFigure.Sampled).Select(i => i.CaseId));
        Assert.Equal([("Thin evidence", 1)], ManagementReports.ReturnReasons(facts));
        Assert.Equal([3], ManagementReports.Select(facts, [], ReportFigure.Returned, reason: "Thin evidence").Select(i => i.CaseId));
        Assert.Empty(ManagementReports.Select(facts, [], ReportFigure.Returned, reason: "Another"));
    }

    [Fact]
    public void Moderated_CountsTheDecisionsQualityAssuranceModerated_PerAssessor()
    {
        // A moderated decision's Grade is the grade released (ADR 27): here the assessor's Merit moderated to a Pass.
        List<DecisionFact> facts =
        [
            Decision(1, 1, Grade.Pass, assessor: "a1", qa: QaStatus.Approved) with { Moderated = true },
            Decision(2, 2, Grade.Merit, assessor: "a1", qa: QaStatus.Approved),
            Decision(3, 3, Grade.Distinction, assessor: "a2", qa: QaStatus.Returned),
        ];

        var (rows, total) = ManagementReports.Table(facts, [], ReportGrouping.Assessor, ManagementReports.QualityFigures);

        Assert.Equal(1, total[ReportFigure.Moderated]);
        Assert.Equal(1, rows.Single(r => r.Key == "a1")[ReportFigure.Moderated]);
        Assert.Equal(0, rows.Single(r => r.Key == "a2")[ReportFigure.Moderated]);
        Assert.Equal([1], ManagementReports.Select(facts, [], ReportFigure.Moderated).Select(i => i.CaseId));
        Assert.Equal(1, ManagementReports.Table(facts, [], ReportGrouping.Assessor, ManagementReports.ResultFigures).Total[ReportFigure.Pass]);
    }

    [Fact]
    public void Timeliness_AndAppeals_SummariseWorkingDays()
    {
        DecisionFact[] facts =
        [
            Decision(1, 1, Grade.Pass, days: 40, within: true),
            Decision(2, 2, Grade.Pass, days: 90, within: false),
            Decision(3, 3, Grade.Pass, days: 50, within: true),
            Decision(4, 4, Grade.Pass, attempt: 2, kind: AttemptKind.Retake, days: null),
        ];
        AppealFact[] appeals =
        [
            new(1, 1, 1, "a1", 1, null, Day, AppealOutcome.Upheld, 4),
            new(2, 2, 1, "a1", 1, null, Day, AppealOutcome.Rejected, 10),
            new(3, 3, 1, "a1", 1, null, Day, AppealOutcome.Pending, null),
        ];

        var timeliness = ManagementReports.Totals(facts, appeals, [.. ManagementReports.TimelinessFigures, .. ManagementReports.AppealFigures]);
        Assert.Equal(3, timeliness[ReportFigure.Timed]);
        Assert.Equal(2, timeliness[ReportFigure.WithinEpaPeriod]);
        Assert.Equal(new DaySummary(3, 50, 60, 90), ManagementReports.GatewayToResult(facts));
        Assert.Equal(3, timeliness[ReportFigure.AppealsLodged]);
        Assert.Equal(1, timeliness[ReportFigure.AppealsUpheld]);
        Assert.Equal(1, timeliness[ReportFigure.AppealsPending]);
        Assert.Equal(new DaySummary(2, 7, 7, 10), ManagementReports.TimeToDecide(appeals));
        Assert.Equal([2], ManagementReports.Select(facts, appeals, ReportFigure.AppealsRejected).Select(i => i.CaseId));
    }

    [Fact]
    public void Readers_AreAdminsAndQualityAssurers_NeverAPartyToACase()
    {
        Assert.Equal([PortalRole.Admin, PortalRole.QualityAssurer], ManagementReports.ReaderRoles);
        Assert.DoesNotContain(PortalRole.Apprentice, ManagementReports.ReaderRoles);
        Assert.DoesNotContain(PortalRole.Employer, ManagementReports.ReaderRoles);
        Assert.DoesNotContain(PortalRole.Provider, ManagementReports.ReaderRoles);
    }
}
