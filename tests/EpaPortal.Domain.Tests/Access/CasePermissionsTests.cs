using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;

namespace EpaPortal.Domain.Tests.Access;

/// <summary>
/// Who may do what with a case: every operation for every relation, before and after the result's release
/// (the only fact of the case that changes an answer here). docs/roles-and-permissions.md is this table in words.
/// </summary>
[Trait("Category", "Unit")]
public class CasePermissionsTests
{
    // Columns: the case's apprentice, an employer of the apprentice's organisation, a user of the case's training provider, the allocated assessor, a quality
    // assurer, an admin, an admin who is also a quality assurer, the allocated assessor who is also an admin, someone
    // unrelated (another apprentice, employer or assessor), the portal's clock. "y" allowed, "-" refused; "r" allowed
    // once the result is released.
    private static readonly string[] Relations = ["apprentice", "employer", "provider", "assessor", "qa", "admin", "admin+qa", "assessor+admin", "unrelated", "system"];

    public static TheoryData<CaseOperation, string> Table() => new()
    {
        { CaseOperation.Read,              "y y y y y y y y - -" },
        { CaseOperation.ReadEvidence,      "y y y y y y y y - -" },
        { CaseOperation.ReadResult,        "r r r y y y y y - -" },
        { CaseOperation.ReadAssessment,    "- - - y y y y y - -" },
        { CaseOperation.Assess,            "- - - y - - - y - -" },
        { CaseOperation.ArrangeAssessment, "- - - y - y y y - -" },
        { CaseOperation.ReviewQuality,     "- - - - y - y - - -" },
        { CaseOperation.Administer,        "- - - - - y y y - -" },
        { CaseOperation.ActAsApprentice,   "y - - - - - - - - -" },
        { CaseOperation.ActAsEmployer,     "- y - - - - - - - -" },
        { CaseOperation.ActAsProvider,     "- - y - - - - - - -" },
        { CaseOperation.ReadAdjustments,   "- y - y y y y y - -" },
        { CaseOperation.RequestAdjustment, "- y - - - y y y - -" },
        { CaseOperation.Message,           "y y y y - y y y - -" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Operation_IsAllowed_ExactlyForTheRelationsOfItsRow(CaseOperation operation, string row)
    {
        var cells = row.Split(' ');
        Assert.Equal(Relations.Length, cells.Length);
        for (var i = 0; i < Relations.Length; i++)
        {
            var relation = RelationOf(Relations[i]);
            foreach (var released in new[] { false, true })
            {
                var expected = cells[i] == "y" || (cells[i] == "r" && released);
                var view = CaseVisibility.For(relation, new VisibilityContext(released ? CaseState.ResultReleased : CaseState.Graded, true, true, released));
                Assert.True(expected == CasePermissions.Allows(operation, relation, view),
                    $"{operation} for {Relations[i]} {(released ? "after" : "before")} release: expected {(expected ? "allowed" : "refused")}.");
            }
        }
    }

    [Fact]
    public void Table_HasARowForEveryOperation()
    {
        Assert.Equal(Enum.GetValues<CaseOperation>().Order(), Table().Select(row => (CaseOperation)row[0]).Order());
    }

    [Theory]
    [InlineData("apprentice", false)]
    [InlineData("employer", false)]
    [InlineData("provider", false)]
    [InlineData("assessor", false)]
    [InlineData("qa", false)]
    [InlineData("admin", false)]
    [InlineData("unrelated", true)]
    [InlineData("system", true)]
    public void ARefusal_HidesTheCase_OnlyFromPeopleWhoCannotSeeIt(string who, bool hidden)
    {
        var view = CaseVisibility.For(RelationOf(who), new VisibilityContext(CaseState.Graded, false, false, false));
        Assert.Equal(hidden, CasePermissions.HidesTheCase(view));
    }

    [Fact]
    public void TheAssessorsConfidentialRecords_AreNeverReadableByTheApprenticeEmployerOrProvider_InAnyState()
    {
        foreach (var state in Enum.GetValues<CaseState>())
        {
            foreach (var relation in new[] { CaseRelation.Apprentice, CaseRelation.Employer, CaseRelation.Provider, CaseRelation.Employer | CaseRelation.Provider })
            {
                var view = CaseVisibility.For(relation, new VisibilityContext(state, true, true, true));
                Assert.False(CasePermissions.Allows(CaseOperation.ReadAssessment, relation, view), $"{relation} in {state}");
            }
        }
    }

    private static CaseRelation RelationOf(string name) => name switch
    {
        "apprentice" => CaseRelation.Apprentice,
        "employer" => CaseRelation.Employer,
        "provider" => CaseRelation.Provider,
        "assessor" => CaseRelation.AllocatedAssessor,
        "qa" => CaseRelation.QualityAssurer,
        "admin" => CaseRelation.Admin,
        "admin+qa" => CaseRelation.Admin | CaseRelation.QualityAssurer,
        "assessor+admin" => CaseRelation.AllocatedAssessor | CaseRelation.Admin,
        "unrelated" => CaseRelation.None,
        "system" => CaseRelation.System,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
