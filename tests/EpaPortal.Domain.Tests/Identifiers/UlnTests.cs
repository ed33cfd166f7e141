using EpaPortal.Domain.Identifiers;

namespace EpaPortal.Domain.Tests.Identifiers;

/// <summary>ULN rules of domain.md section 8, with the examples it gives.</summary>
[Trait("Category", "Unit")]
public class UlnTests
{
    private const string Format = "A ULN is exactly 10 digits with no spaces or letters, for example 1234567899.";
    private const string Checksum = "This is not a valid ULN: its last digit does not match the others. Check it against the apprentice's records.";

    [Theory]
    [InlineData("1234567899")]
    [InlineData("1000000000")]
    [InlineData("5580730216")]
    [InlineData("6736819309")]
    [InlineData("4642621295")]
    [InlineData("8220033222")]
    [InlineData(" 1234567899 ")]
    public void Validate_AValidUln_ReturnsNoMessage(string uln)
    {
        Assert.Null(Uln.Validate(uln));
        Assert.True(Uln.IsValid(uln));
    }

    [Theory]
    [InlineData("1234567890", Checksum)]
    [InlineData("9999999999", Checksum)]
    [InlineData("1111111111", Checksum)]
    [InlineData("0123456789", "A ULN cannot start with 0.")]
    [InlineData("123456789", Format)]
    [InlineData("12345678990", Format)]
    [InlineData("12345 6789", Format)]
    [InlineData("12345A7899", Format)]
    [InlineData("１２３４５６７８９９", Format)]
    [InlineData("", "Enter the apprentice's ULN (Unique Learner Number).")]
    [InlineData("   ", "Enter the apprentice's ULN (Unique Learner Number).")]
    [InlineData(null, "Enter the apprentice's ULN (Unique Learner Number).")]
    public void Validate_AnInvalidUln_ExplainsWhatIsWrong(string? uln, string expected)
    {
        Assert.Equal(expected, Uln.Validate(uln));
        Assert.False(Uln.IsValid(uln));
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("9999999999")]
    public void Validate_WithChecksumEnforcementOff_AcceptsAWrongCheckDigit(string uln)
    {
        Assert.Null(Uln.Validate(uln, enforceChecksum: false));
    }

    [Theory]
    [InlineData("0123456789", "A ULN cannot start with 0.")]
    [InlineData("12345", Format)]
    public void Validate_WithChecksumEnforcementOff_StillChecksTheFormat(string uln, string expected)
    {
        Assert.Equal(expected, Uln.Validate(uln, enforceChecksum: false));
    }
}
