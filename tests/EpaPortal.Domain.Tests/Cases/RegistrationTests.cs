using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>An admin registers a case for an apprentice with a valid ULN on an active version.</summary>
[Trait("Category", "Unit")]
public class RegistrationTests
{
    private static readonly CaseWorkflow Workflow = new(TestClock.At(TestClock.Now));

    [Fact]
    public void Register_ByAnAdminWithAValidUln_CreatesARegisteredFirstAttempt()
    {
        var apprentice = Apprentice("1234567899").WithId(3);

        var outcome = Workflow.Register(apprentice, StandardVersions.St0128V1().WithId(1), Actors.Admin);

        var epaCase = outcome.Case!;
        Assert.Equal((CaseState.Registered, 1, AttemptKind.First, 3, 1, TestClock.Now), (epaCase.State, epaCase.Attempt, epaCase.AttemptKind, epaCase.ApprenticeId, epaCase.StandardVersionId, epaCase.StateChangedAt));
        Assert.Equal((CaseActions.Registered, "Alex Apprentice, ULN 1234567899, ST0128 version 1.0"), (outcome.Audit!.Action, outcome.Audit.Details));
    }

    [Fact]
    public void Register_WithAnInvalidUln_IsRefusedWithTheUlnMessage()
    {
        var outcome = Workflow.Register(Apprentice("1234567890"), StandardVersions.St0128V1(), Actors.Admin);

        Assert.Equal("This is not a valid ULN: its last digit does not match the others. Check it against the apprentice's records.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Register_WithABadCheckDigitWhenChecksumEnforcementIsOff_Succeeds()
    {
        Assert.True(Workflow.Register(Apprentice("1234567890"), StandardVersions.St0128V1(), Actors.Admin, enforceUlnChecksum: false).Succeeded);
    }

    [Fact]
    public void Register_OnAnInactiveVersion_IsRefused()
    {
        var version = StandardVersions.St0128V1();
        version.IsActive = false;

        Assert.Equal("ST0128 version 1.0 is closed to new registrations.", Assert.Single(Workflow.Register(Apprentice("1234567899"), version, Actors.Admin).Problems));
    }

    [Fact]
    public void Register_ByAnEmployer_IsRefused()
    {
        Assert.Equal("Only an admin can register a case.", Assert.Single(Workflow.Register(Apprentice("1234567899"), StandardVersions.St0128V1(), Actors.Employer).Problems));
    }

    private static Apprentice Apprentice(string uln) =>
        new(uln, "Alex", "Apprentice", "alex@acme.example", Actors.AcmeId, new DateOnly(2025, 9, 1));
}
