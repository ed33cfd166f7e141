using EpaPortal.Bench.Volume;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// Beyond the open work of an organisation of <see cref="VolumeOptions.OpenWorkCases"/> cases, the volume
/// generator adds history only (issue 26): an organisation grows older, not busier, so each person's open
/// work stays about the same while the closed cases pile up.
/// </summary>
[Trait(Category.Name, Category.Performance)]
public class VolumeHistoryTests
{
    [Fact]
    public async Task Generator_BeyondTheOpenWorkOfAnOrganisation_AddsClosedCasesOnly()
    {
        using var factory = new VolumePortalFactory();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<VolumeGenerator>()
                .GenerateAsync(new VolumeOptions { Cases = 300, OpenWorkCases = 100, TemplatesPerState = 1, EvidenceItemsPerCase = 1 });
        }

        var byState = await factory.WithDbAsync(db => db.Cases.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var history = new[] { CaseState.CertificateRequested, CaseState.FailRecorded, CaseState.AppealRejected, CaseState.Withdrawn };
        var current = byState.Where(s => !history.Contains(s.Key)).Sum(s => s.Value);
        var expected = (int)Math.Round(100 * VolumeOptions.StateShares.Where(s => !history.Contains(s.State)).Sum(s => s.Share) / VolumeOptions.StateShares.Sum(s => s.Share));

        Assert.Equal(300, byState.Values.Sum());
        Assert.Equal(expected, current);
        Assert.Equal(300 - current, byState.Where(s => history.Contains(s.Key)).Sum(s => s.Value));
        Assert.All(OpenWork.OpenStates, state => Assert.True(byState.GetValueOrDefault(state) >= 1, $"{state} has no case"));
    }
}
