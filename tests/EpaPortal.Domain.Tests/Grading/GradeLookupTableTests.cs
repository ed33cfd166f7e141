using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>The lookup table's keys and the default table.</summary>
[Trait("Category", "Unit")]
public class GradeLookupTableTests
{
    [Fact]
    public void DefaultTable_ForTwoMethods_IsTheOneInDomainSection7()
    {
        Assert.Equal(
            [
                ("Fail+Fail", Grade.Fail), ("Fail+Pass", Grade.Fail), ("Fail+Distinction", Grade.Fail),
                ("Pass+Fail", Grade.Fail), ("Pass+Pass", Grade.Pass), ("Pass+Distinction", Grade.Merit),
                ("Distinction+Fail", Grade.Fail), ("Distinction+Pass", Grade.Merit), ("Distinction+Distinction", Grade.Distinction),
            ],
            GradeLookupTable.Default(2));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 9)]
    [InlineData(3, 27)]
    [InlineData(4, 81)]
    public void AllCombinations_ForNMethods_AreThreeToTheNDistinctKeys(int methods, int expected)
    {
        var keys = GradeLookupTable.AllCombinations(methods);

        Assert.Equal(expected, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Equal(methods, k.Split('+').Length));
    }

    [Fact]
    public void Key_JoinsMethodGradesInOrderWithPlus()
    {
        Assert.Equal("Pass+Distinction", GradeLookupTable.Key([Grade.Pass, Grade.Distinction]));
    }

    [Theory]
    [InlineData("Pass+Distinction", 2, true)]
    [InlineData("Pass", 2, false)]
    [InlineData("Pass+Merit", 2, false)]
    [InlineData("pass+pass", 2, false)]
    [InlineData("Pass+Pass+Pass", 2, false)]
    [InlineData("", 1, false)]
    public void TryParse_AcceptsOnlyMethodGradesOfTheRightCount(string combination, int methods, bool expected)
    {
        Assert.Equal(expected, GradeLookupTable.TryParse(combination, methods, out _));
    }
}
