using System.Buffers;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>Kestrel's 64 KB connection buffers (Infrastructure/LargeBlockMemoryPool): reused, bounded, and the ones the portal uses.</summary>
[Trait(Category.Name, Category.Unit)]
[Trait(Category.Name, Category.Performance)]
public class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Rent_GivesA64KBBlock_AndAReturnedBlockIsRentedAgain()
    {
        using var pool = new LargeBlockMemoryPool();
        var first = pool.Rent(100);
        Assert.Equal(LargeBlockMemoryPool.BlockSize, first.Memory.Length);
        first.Memory.Span[0] = 42;
        first.Dispose();
        first.Dispose();
        Assert.Equal(1, pool.Kept);
        Assert.Throws<ObjectDisposedException>(() => first.Memory);

        using var second = pool.Rent();
        Assert.Equal(42, second.Memory.Span[0]);
        Assert.Equal(0, pool.Kept);
    }

    [Fact]
    public void Rent_LargerThanABlock_GivesWhatWasAsked_AndDoesNotKeepIt()
    {
        using var pool = new LargeBlockMemoryPool();
        var large = pool.Rent(LargeBlockMemoryPool.BlockSize + 1);
        Assert.True(large.Memory.Length > LargeBlockMemoryPool.BlockSize);
        large.Dispose();
        Assert.Equal(0, pool.Kept);
    }

    [Fact]
    public void ReturnedBlocks_AreKeptUpToTheLimit()
    {
        using var pool = new LargeBlockMemoryPool();
        var rented = Enumerable.Range(0, LargeBlockMemoryPool.MaxKept + 10).Select(_ => pool.Rent()).ToList();
        rented.ForEach(block => block.Dispose());
        Assert.Equal(LargeBlockMemoryPool.MaxKept, pool.Kept);
    }

    [Fact]
    public void ThePortal_GivesKestrelThisPool()
    {
        using var factory = new PortalFactory();
        var pools = factory.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        Assert.IsType<LargeBlockMemoryPoolFactory>(pools);
        using MemoryPool<byte> pool = pools.Create();
        Assert.Equal(LargeBlockMemoryPool.BlockSize, pool.MaxBufferSize);
    }
}
