using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// Kestrel's connection buffers in 64 KB pinned blocks instead of its default 4 KB: a socket read fills at
/// most one block, so a 200 MB upload took 80,000 <c>recvfrom</c> calls and 110,000 <c>sched_yield</c>
/// (strace), and now about 6,600 and 12,600, for a quarter less server CPU per upload (bench/README.md).
/// Idle connections hold no block (Kestrel waits for data before renting one).
/// </summary>
public sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}

/// <summary>Fixed 64 KB pinned blocks, reused; at most <see cref="MaxKept"/> free blocks are kept (4 MB).</summary>
public sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    public const int MaxKept = 64;

    private readonly ConcurrentQueue<byte[]> free = new();

    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks waiting to be rented again.</summary>
    public int Kept => free.Count;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            return new Block(this, GC.AllocateUninitializedArray<byte>(minBufferSize, pinned: true), pooled: false);
        }

        var array = free.TryDequeue(out var reused) ? reused : GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        return new Block(this, array, pooled: true);
    }

    protected override void Dispose(bool disposing) => free.Clear();

    private void Return(byte[] array)
    {
        if (free.Count < MaxKept)
        {
            free.Enqueue(array);
        }
    }

    private sealed class Block(LargeBlockMemoryPool pool, byte[] array, bool pooled) : IMemoryOwner<byte>
    {
        private byte[]? owned = array;

        public Memory<byte> Memory => owned ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            var returned = Interlocked.Exchange(ref owned, null);
            if (returned is not null && pooled)
            {
                pool.Return(returned);
            }
        }
    }
}
