using EpaPortal.Domain.Identifiers;

namespace EpaPortal.Domain.Tests.Identifiers;

/// <summary>UKPRN (8 digits starting with 1, 10000000–19999999; domain.md section 11) and standard reference (ST + 4 digits).</summary>
[Trait("Category", "Unit")]
public class UkprnAndStandardReferenceTests
{
    [Theory]
    [InlineData("10000000")]
    [InlineData("19999999")]
    [InlineData("10012345")]
    [InlineData(" 10012345 ")]
    public void Ukprn_Valid_ReturnsNoMessage(string ukprn)
    {
        Assert.Null(Ukprn.Validate(ukprn));
        Assert.True(Ukprn.IsValid(ukprn));
    }

    [Theory]
    [InlineData("1234567", "A UKPRN is exactly 8 digits, for example 10012345.")]
    [InlineData("123456789", "A UKPRN is exactly 8 digits, for example 10012345.")]
    [InlineData("1001234A", "A UKPRN is exactly 8 digits, for example 10012345.")]
    [InlineData("09999999", "A UKPRN starts with 1 (it lies between 10000000 and 19999999).")]
    [InlineData("20000000", "A UKPRN starts with 1 (it lies between 10000000 and 19999999).")]
    [InlineData("", "Enter the UKPRN (UK Provider Reference Number).")]
    [InlineData(null, "Enter the UKPRN (UK Provider Reference Number).")]
    public void Ukprn_Invalid_ExplainsWhatIsWrong(string? ukprn, string expected)
    {
        Assert.Equal(expected, Ukprn.Validate(ukprn));
    }

    [Theory]
    [InlineData("ST0128")]
    [InlineData("ST0116")]
    [InlineData("ST0001")]
    public void StandardReference_Valid_ReturnsNoMessage(string reference)
    {
        Assert.Null(StandardReference.Validate(reference));
        Assert.True(StandardReference.IsValid(reference));
    }

    [Theory]
    [InlineData("st0128")]
    [InlineData("ST128")]
    [InlineData("ST01280")]
    [InlineData("ST 0128")]
    [InlineData("SD0128")]
    [InlineData("ST01A8")]
    public void StandardReference_Malformed_ExplainsTheFormat(string reference)
    {
        Assert.Equal("A standard reference is ST followed by 4 digits, for example ST0128 (capital S and T).", StandardReference.Validate(reference));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void StandardReference_Missing_AsksForIt(string? reference)
    {
        Assert.Equal("Enter the standard reference, for example ST0128.", StandardReference.Validate(reference));
    }
}
