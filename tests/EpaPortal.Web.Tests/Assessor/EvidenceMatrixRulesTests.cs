using EpaPortal.Domain.Assessment;
using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>What the citation matrix shows first and what it starts with ticked (issue 25, item 1).</summary>
[Trait(Category.Name, Category.Unit)]
public class EvidenceMatrixRulesTests
{
    private static readonly EvidenceOption MappedItem = new("PortfolioItem:1", EvidenceSource.PortfolioItem, "Portfolio item 1: API tests", [7, 8]);
    private static readonly EvidenceOption OtherItem = new("PortfolioItem:2", EvidenceSource.PortfolioItem, "Portfolio item 2: Deployment", [9]);
    private static readonly EvidenceOption File = new("ProjectFile:0f8fad5b-d9cb-469f-a165-70867728950e", EvidenceSource.ProjectFile, "Project file: report.pdf", []);
    private static readonly EvidenceOption Section = new("ReferenceSection:What", EvidenceSource.ReferenceSection, "Employer reference: What", [7, 9]);
    private static readonly EvidenceOption OtherSection = new("ReferenceSection:How", EvidenceSource.ReferenceSection, "Employer reference: How", [10]);
    private static readonly EvidenceOption Answer = new("InterviewAnswer:5", EvidenceSource.InterviewAnswer, "Interview answer 1: How do you test?", [8]);
    private static readonly EvidenceOption OtherAnswer = new("InterviewAnswer:6", EvidenceSource.InterviewAnswer, "Interview answer 2: Who reviews?", [10]);

    private static readonly EvidenceCatalogue Catalogue = new([MappedItem, OtherItem, File, Section, OtherSection, Answer, OtherAnswer]);

    [Fact]
    public void Suggested_IsTheEvidenceMappedToTheCompetency_PlusTheInitialConclusionsCitations_InCatalogueOrder()
    {
        Assert.Equal(["PortfolioItem:1", "ReferenceSection:What"], Catalogue.Suggested(7, []));
        Assert.Equal(["PortfolioItem:1", "InterviewAnswer:5"], Catalogue.Suggested(8, []));
        Assert.Equal(["PortfolioItem:1", File.Ref, "ReferenceSection:What"], Catalogue.Suggested(7, [File.Ref]));
    }

    [Fact]
    public void Suggested_LeavesOutCitationsThatAreNotInTheCatalogue()
    {
        Assert.Equal(["PortfolioItem:1", "ReferenceSection:What"], Catalogue.Suggested(7, ["PortfolioItem:999", "nonsense"]));
        Assert.Empty(Catalogue.Suggested(42, []));
    }

    [Fact]
    public void ShownFirst_AreTheMappedEvidence_AndEveryProjectFileAndInterviewAnswer()
    {
        int[] competency = [7];
        Assert.True(EvidenceCatalogue.IsShownFirst(MappedItem, competency));
        Assert.False(EvidenceCatalogue.IsShownFirst(OtherItem, competency));
        Assert.True(EvidenceCatalogue.IsShownFirst(File, competency));
        Assert.True(EvidenceCatalogue.IsShownFirst(Section, competency));
        Assert.False(EvidenceCatalogue.IsShownFirst(OtherSection, competency));
        Assert.True(EvidenceCatalogue.IsShownFirst(OtherAnswer, competency));
    }

    [Fact]
    public void ForAnArea_EvidenceMappedToAnyOfItsCompetenciesIsShownFirst()
    {
        int[] area = [9, 10];
        Assert.True(EvidenceCatalogue.IsShownFirst(OtherItem, area));
        Assert.False(EvidenceCatalogue.IsShownFirst(MappedItem, area));
        Assert.True(EvidenceCatalogue.IsMapped(OtherSection, area));
    }
}
