using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Issue 20 item 2: parallel uploads cannot take a case over its storage quota (four at once took a case
/// to 2,277 MB of 2,048 before). Each file's size is reserved by one conditional UPDATE before it is stored.
/// </summary>
[Trait(Category.Name, Category.Security)]
public class QuotaRaceTests(SmallLimitsPortalFactory factory) : IClassFixture<SmallLimitsPortalFactory>
{
    [Fact]
    public async Task ParallelUploads_NeverTakeACaseOverItsQuota()
    {
        // A 2 MB quota; six uploads of 700 KB at once: at most two fit (1.4 MB), a third would be 2.1 MB.
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        var clients = new List<PortalClient>();
        for (var i = 0; i < 6; i++)
        {
            clients.Add(await factory.SignInAsync(email));
        }

        try
        {
            var uploads = clients.Select((client, i) => Uploads.UploadAsync(client, new UploadFile($"parallel-{i}.pdf", Files.Pdf(700 * 1024)))).ToList();
            var results = await Task.WhenAll(uploads);

            var stored = await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.CaseId == caseId).SumAsync(f => f.SizeBytes));
            Assert.True(stored <= 2 * 1024 * 1024, $"The case stores {stored:N0} bytes, over its 2 MB quota.");
            var accepted = results.Count(r => r.Files.Single().Accepted);
            Assert.Equal(2, accepted);
            Assert.All(results.Select(r => r.Files.Single()).Where(f => !f.Accepted), f => Assert.Contains("storage quota", f.Message, StringComparison.Ordinal));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
