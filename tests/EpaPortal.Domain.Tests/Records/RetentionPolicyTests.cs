using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Records;

namespace EpaPortal.Domain.Tests.Records;

/// <summary>The retention rules: what is due when, and what is never due (legal hold, appeal, open case, on hold).</summary>
[Trait("Category", "Unit")]
public class RetentionPolicyTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly RetentionRule Evidence = new(DataClass.EvidenceFiles, 36, RetentionEvent.ResultReleased);

    private static CaseRetentionFacts Closed(DateTimeOffset releasedAt, bool hold = false, bool appeal = false, bool onHold = false, CaseState state = CaseState.CertificateRequested) =>
        new(1, state, releasedAt.AddDays(10), releasedAt, releasedAt.AddDays(28), appeal, hold, onHold);

    [Fact]
    public void EvidenceOfACaseReleasedMoreThanThreeYearsAgo_IsDue()
    {
        var decision = RetentionPolicy.ForCase(Evidence, Closed(Now.AddMonths(-36).AddDays(-1)), Now);

        Assert.Equal(RetentionStatus.Due, decision.Status);
    }

    [Fact]
    public void EvidenceReleasedADayShortOfThreeYears_IsNotYetDue_AndSaysWhen()
    {
        var released = Now.AddMonths(-36).AddDays(1);

        var decision = RetentionPolicy.ForCase(Evidence, Closed(released), Now);

        Assert.Equal(RetentionStatus.NotYetDue, decision.Status);
        Assert.Equal(released.AddMonths(36), decision.DueAt);
    }

    [Fact]
    public void ACaseUnderLegalHold_IsNeverDue()
    {
        var decision = RetentionPolicy.ForCase(Evidence, Closed(Now.AddYears(-10), hold: true), Now);

        Assert.Equal(RetentionStatus.LegalHold, decision.Status);
    }

    [Theory]
    [InlineData(CaseState.AppealLodged, false)]
    [InlineData(CaseState.AppealUpheld, false)]
    [InlineData(CaseState.CertificateRequested, true)]
    public void ACaseWithAnAppealOpen_IsNeverDue(CaseState state, bool undecidedAppeal)
    {
        var decision = RetentionPolicy.ForCase(Evidence, Closed(Now.AddYears(-10), appeal: undecidedAppeal, state: state), Now);

        Assert.Equal(RetentionStatus.AppealOpen, decision.Status);
    }

    [Fact]
    public void ACaseOnHold_IsNeverDue()
    {
        Assert.Equal(RetentionStatus.OnHold, RetentionPolicy.ForCase(Evidence, Closed(Now.AddYears(-10), onHold: true), Now).Status);
    }

    [Fact]
    public void AnOpenCase_IsNeverDue()
    {
        var open = new CaseRetentionFacts(1, CaseState.PreInterviewReview, Now.AddYears(-10), null, null, false, false, false);

        Assert.Equal(RetentionStatus.CaseOpen, RetentionPolicy.ForCase(Evidence, open, Now).Status);
    }

    [Fact]
    public void APersonWithACaseOnLegalHold_KeepsTheirAccount()
    {
        var rule = RetentionSchedule.For(RetentionSchedule.Defaults, DataClass.Accounts);
        var person = new PersonRetentionFacts("u1", 3, HasOpenCase: false, HasCaseOnLegalHold: true, IsEnabledAdmin: false, AlreadyAnonymised: false, Now.AddYears(-20));

        Assert.Equal(RetentionStatus.LegalHold, RetentionPolicy.ForPerson(rule, person, Now).Status);
    }

    [Fact]
    public void AnEnabledAdmin_IsNeverAnonymised()
    {
        var rule = RetentionSchedule.For(RetentionSchedule.Defaults, DataClass.Accounts);
        var person = new PersonRetentionFacts("u1", null, false, false, IsEnabledAdmin: true, false, Now.AddYears(-20));

        Assert.Equal(RetentionStatus.EnabledAdmin, RetentionPolicy.ForPerson(rule, person, Now).Status);
    }

    [Fact]
    public void TheDefaults_KeepTheAssessmentRecordThreeYearsAfterTheResult()
    {
        Assert.All(RetentionSchedule.Defaults.Where(r => r.DataClass is DataClass.EvidenceFiles or DataClass.ProjectFiles or DataClass.Notes or DataClass.InterviewRecords),
            r => Assert.Equal((36, RetentionEvent.ResultReleased), (r.Months, r.CountedFrom)));
    }

    [Fact]
    public void AnAdminsRuleWithAnEventTheClassCannotUse_IsIgnoredForTheDefault()
    {
        var effective = RetentionSchedule.Effective([new RetentionRule(DataClass.Audit, 12, RetentionEvent.ResultReleased)]);

        Assert.Equal(RetentionSchedule.For(RetentionSchedule.Defaults, DataClass.Audit), RetentionSchedule.For(effective, DataClass.Audit));
    }
}

/// <summary>Redaction of other people's personal data from the texts of a subject access export.</summary>
[Trait("Category", "Unit")]
public class RedactorTests
{
    [Fact]
    public void OtherPeoplesNamesAndAddresses_AreRedacted_TheSubjectsOwnAreKept()
    {
        var redactor = new Redactor(["Ada Assessor", "ada@epao.test"], ["Sam Apprentice", "sam@acme.test", "1234567899"]);

        var text = redactor.Redact("Ada Assessor (ada@epao.test) met Sam Apprentice, sam@acme.test, ULN 1234567899; copied to boss@acme.test about 1000000000.");

        Assert.Equal("[redacted] ([redacted]) met Sam Apprentice, sam@acme.test, ULN 1234567899; copied to [redacted] about [redacted].", text);
    }

    [Fact]
    public void AccountIdsOfOthers_AreRedacted()
    {
        var own = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        var redactor = new Redactor([], [own]);

        Assert.Equal($"by {own} for [redacted]", redactor.Redact($"by {own} for {other}"));
    }
}
