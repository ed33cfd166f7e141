using EpaPortal.Domain.Access;
using EpaPortal.Domain.Adjustments;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Tests.Scheduling;

/// <summary>Issue 18, item 6: approved reasonable adjustments lengthen the project window and the interview,
/// and the timing rules use the adjusted values.</summary>
[Trait("Category", "Unit")]
public class ReasonableAdjustmentTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly IReadOnlyCollection<DateOnly> EnglandAndWales = BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales);
    private static readonly DateTimeOffset Now = At(2027, 3, 1, 9, 0);

    private static DateTimeOffset At(int y, int m, int d, int h, int min)
    {
        var local = new DateTime(y, m, d, h, min, 0);
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }

    private static ReasonableAdjustment Adjustment(int days, int minutes, bool? approve)
    {
        var adjustment = new ReasonableAdjustment(1, AdjustmentType.ExtraTime, "Dyslexia: extra time.", days, minutes, "employer-1", Now);
        if (approve is { } yes)
        {
            adjustment.Decide(yes, "Evidence seen.", "admin-1", Now);
        }

        return adjustment;
    }

    [Fact]
    public void From_OnlyApprovedAdjustments_Count()
    {
        var adjustment = ScheduleAdjustment.From([Adjustment(2, 30, true), Adjustment(5, 60, null), Adjustment(3, 15, false), Adjustment(0, 15, true)]);

        Assert.Equal(new ScheduleAdjustment(2, 45), adjustment);
    }

    [Fact]
    public void Apply_ExtraInterviewMinutes_TheDurationRuleUsesTheAdjustedLength()
    {
        var settings = new ScheduleAdjustment(0, 30).Apply(new StandardSettings());

        Assert.Equal(90, settings.InterviewMinutes);
        var breach = Assert.Single(ScheduleRules.CheckInterview(settings, At(2027, 3, 15, 10, 0), 60, Now, London, EnglandAndWales));
        Assert.Equal(TimingRule.InterviewDuration, breach.Rule);
        Assert.Contains("90 minutes would do", breach.Message, StringComparison.Ordinal);
        Assert.Empty(ScheduleRules.CheckInterview(settings, At(2027, 3, 15, 10, 0), 90, Now, London, EnglandAndWales));
    }

    [Fact]
    public void Apply_ExtraProjectDays_TheWindowRuleUsesTheAdjustedLength()
    {
        var plain = new StandardSettings();
        var adjusted = new ScheduleAdjustment(2, 0).Apply(plain);

        // Monday 15 March 2027 09:00: five working days close on Monday 22nd, seven on Wednesday 24th.
        Assert.Empty(ScheduleRules.CheckProjectWindow(plain, At(2027, 3, 15, 9, 0), At(2027, 3, 22, 9, 0), Now, London, EnglandAndWales));
        var breach = Assert.Single(ScheduleRules.CheckProjectWindow(adjusted, At(2027, 3, 15, 9, 0), At(2027, 3, 22, 9, 0), Now, London, EnglandAndWales));
        Assert.Contains("lasts 7 working days", breach.Message, StringComparison.Ordinal);
        Assert.Empty(ScheduleRules.CheckProjectWindow(adjusted, At(2027, 3, 15, 9, 0), At(2027, 3, 24, 9, 0), Now, London, EnglandAndWales));
        Assert.Equal(5, plain.ProjectWindowWorkingDays);
    }

    [Fact]
    public void Apply_NoAdjustment_IsTheStandardsOwnSettings()
    {
        var settings = new StandardSettings();

        Assert.Same(settings, ScheduleAdjustment.None.Apply(settings));
    }

    [Fact]
    public void EditRequest_WhileAwaitingADecision_ChangesItAndCountsNothingUntilApproved()
    {
        var adjustment = Adjustment(2, 30, null);

        adjustment.EditRequest(AdjustmentType.RestBreaks, " Breaks every 30 minutes. ", 0, 20);

        Assert.Equal(AdjustmentType.RestBreaks, adjustment.Type);
        Assert.Equal("Breaks every 30 minutes.", adjustment.Details);
        Assert.Equal(AdjustmentStatus.Requested, adjustment.Status);
        Assert.Equal(ScheduleAdjustment.None, ScheduleAdjustment.From([adjustment]));
    }

    [Fact]
    public void EditRequest_AfterADecision_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => Adjustment(2, 30, true).EditRequest(AdjustmentType.ExtraTime, "More.", 3, 30));
    }

    [Fact]
    public void Amend_AnApprovedAdjustment_KeepsItApproved_AndTheTimingsUseTheNewValues()
    {
        var adjustment = Adjustment(2, 30, true);

        adjustment.Amend(AdjustmentType.ExtraTime, "Extra time.", 3, 45, " Allow 45 extra minutes. ", " New report. ", "admin-2", Now.AddDays(1));

        Assert.Equal(AdjustmentStatus.Approved, adjustment.Status);
        Assert.Equal(new ScheduleAdjustment(3, 45), ScheduleAdjustment.From([adjustment]));
        Assert.Equal("New report.", adjustment.AmendmentReason);
        Assert.Equal("Allow 45 extra minutes.", adjustment.Summary);
        Assert.Equal("admin-2", adjustment.AmendedById);
        Assert.Equal(105, ScheduleAdjustment.From([adjustment]).Apply(new StandardSettings { InterviewMinutes = 60 }).InterviewMinutes);
    }

    [Fact]
    public void Amend_WithoutAReasonOrBeforeApproval_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Adjustment(2, 30, true).Amend(AdjustmentType.ExtraTime, "x", 1, 0, null, " ", "admin-1", Now));
        Assert.Throws<InvalidOperationException>(() => Adjustment(2, 30, null).Amend(AdjustmentType.ExtraTime, "x", 1, 0, null, "Because.", "admin-1", Now));
        Assert.Throws<InvalidOperationException>(() => Adjustment(2, 30, false).Amend(AdjustmentType.ExtraTime, "x", 1, 0, null, "Because.", "admin-1", Now));
    }

    [Theory]
    [InlineData(CaseRelation.Employer, "employer-1", null, AdjustmentChange.EditRequest)]
    [InlineData(CaseRelation.Employer, "employer-2", null, AdjustmentChange.None)]
    [InlineData(CaseRelation.Admin, "admin-1", null, AdjustmentChange.EditRequest)]
    [InlineData(CaseRelation.Employer, "employer-1", true, AdjustmentChange.None)]
    [InlineData(CaseRelation.Admin, "admin-1", true, AdjustmentChange.Amend)]
    [InlineData(CaseRelation.Admin, "admin-1", false, AdjustmentChange.None)]
    [InlineData(CaseRelation.AllocatedAssessor, "assessor-1", true, AdjustmentChange.None)]
    [InlineData(CaseRelation.QualityAssurer, "qa-1", null, AdjustmentChange.None)]
    public void ChangeOf_TheRequesterEditsARequest_AnAdminAlsoAmendsAnApprovedOne(CaseRelation relation, string userId, bool? approved, AdjustmentChange expected)
    {
        Assert.Equal(expected, AdjustmentAccess.ChangeOf(relation, userId, Adjustment(1, 10, approved)));
    }

    [Fact]
    public void Decide_WithoutAReason_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Adjustment(1, 0, null).Decide(true, " ", "admin-1", Now));
    }

    [Theory]
    [InlineData("", 0, 0, "Describe the adjustment")]
    [InlineData("x", 11, 0, "0 to 10 working days")]
    [InlineData("x", 0, 121, "0 to 120 minutes")]
    public void Validate_BadInput_SaysWhatIsWrong(string details, int days, int minutes, string expected)
    {
        Assert.Contains(ReasonableAdjustment.Validate(details, days, minutes), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CaseRelation.Admin, "someone", true)]
    [InlineData(CaseRelation.Employer, "employer-1", true)]
    [InlineData(CaseRelation.Employer, "employer-2", false)]
    [InlineData(CaseRelation.AllocatedAssessor, "assessor-1", false)]
    [InlineData(CaseRelation.QualityAssurer, "qa-1", false)]
    public void SeesEvidence_OnlyAdminsAndTheRequester(CaseRelation relation, string userId, bool expected)
    {
        Assert.Equal(expected, AdjustmentAccess.SeesEvidence(relation, userId, Adjustment(0, 0, null)));
    }

    [Fact]
    public void Effect_SaysWhatChanges()
    {
        Assert.Equal("Project window 2 working days longer; interview 30 minutes longer", Adjustment(2, 30, null).Effect);
        Assert.Equal("No change to the timings", Adjustment(0, 0, null).Effect);
    }
}
