using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Records;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Records;

/// <summary>
/// A reasonable adjustment's evidence (often medical) and the provider's supportive action plan are files about
/// the apprentice: the retention schedule removes them with the case's evidence files, as it does the portfolio.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class RetentionOfAdjustmentEvidenceTests
{
    [Theory]
    [InlineData(FilePurpose.AdjustmentEvidence)]
    [InlineData(FilePurpose.SupportiveActionPlan)]
    public async Task EvidenceFilesOfACase_IncludeTheAdjustmentEvidenceAndThePlan_CountedAndPurged(FilePurpose purpose)
    {
        using var factory = new PortalFactory();
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var source = (await db.StoredFiles.AsNoTracking().Where(f => f.CaseId == testCase.CaseId).Select(f => f.Id).FirstAsync()).ToString().ToUpperInvariant();
        var columns = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('StoredFiles')").ToListAsync();
        var id = Guid.NewGuid();
        var insert = $"INSERT INTO StoredFiles ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT "
            + string.Join(", ", columns.Select(c => c switch { "Id" => "$id", "StorageKey" => "$key", "Purpose" => "$purpose", _ => $"\"{c}\"" }))
            + " FROM StoredFiles WHERE Id = $source";
        await db.Database.ExecuteSqlRawAsync(
            insert,
            new SqliteParameter("$id", id.ToString().ToUpperInvariant()), new SqliteParameter("$key", "kept/" + id.ToString("N")),
            new SqliteParameter("$purpose", purpose.ToString()), new SqliteParameter("$source", source));
        var removal = scope.ServiceProvider.GetRequiredService<CaseDataRemoval>();
        var before = (await removal.CountAsync(DataClass.EvidenceFiles, [testCase.CaseId], CancellationToken.None)).GetValueOrDefault(testCase.CaseId);

        var (_, keys, files) = await removal.RemoveAsync(DataClass.EvidenceFiles, testCase.CaseId, factory.Clock.GetUtcNow(), CancellationToken.None);

        Assert.True(before >= 1);
        Assert.Contains(id, files);
        Assert.Contains("kept/" + id.ToString("N"), keys);
        Assert.NotNull(await db.StoredFiles.AsNoTracking().Where(f => f.Id == id).Select(f => f.PurgedAt).SingleAsync());
        Assert.False((await removal.CountAsync(DataClass.EvidenceFiles, [testCase.CaseId], CancellationToken.None)).ContainsKey(testCase.CaseId));
    }
}
