using EpaPortal.Domain.Auditing;

namespace EpaPortal.Domain.Tests.Auditing;

/// <summary>The audit log as a hash chain (ADR 18): sealing, and the walk that finds and locates a break.</summary>
[Trait("Category", "Unit")]
public class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static List<AuditLink> Chain(int count)
    {
        var links = new List<AuditLink>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry(Start.AddMinutes(i), "user-1", "Ada Assessor", "NotesSaved", 7, null, null, null, $"details {i}");
            entry.Seal(i, previous);
            links.Add(AuditLink.Of(entry) with { Id = i });
            previous = entry.Hash!;
        }

        return links;
    }

    private static AuditChainWalk Walk(IEnumerable<AuditLink> links, AuditAnchor? anchor = null)
    {
        var list = links.ToList();
        var walk = new AuditChainWalk(1, AuditChain.Genesis, anchor);
        foreach (var link in list)
        {
            walk.Visit(link);
        }

        var last = list.Where(l => l.Sequence is not null).OrderBy(l => l.Sequence).Last();
        walk.Finish(last.Sequence!.Value, last.Hash!);
        return walk;
    }

    [Fact]
    public void AnUntouchedChain_HasNoBreak()
    {
        var walk = Walk(Chain(5));

        Assert.Equal(0, walk.BreakCount);
        Assert.Equal(5, walk.EntriesChecked);
    }

    [Fact]
    public void Seal_LinksEachEntryToTheHashOfTheOneBefore()
    {
        var chain = Chain(3);

        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(chain[1].Hash, chain[2].PreviousHash);
        Assert.All(chain, l => Assert.Matches("^[0-9a-f]{64}$", l.Hash!));
    }

    [Fact]
    public void AChangedDetail_IsFoundAtThatEntry()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Details = "rewritten history" };

        var walk = Walk(chain);

        Assert.Equal(1, walk.BreakCount);
        Assert.Equal(AuditBreakKind.ContentChanged, walk.FirstBreak!.Kind);
        Assert.Equal(3, walk.FirstBreak.Sequence);
    }

    [Fact]
    public void AChangedEntryWithItsHashRecomputed_BreaksTheLinkOfTheNextEntry()
    {
        var chain = Chain(5);
        var changed = chain[1] with { ActorName = "Someone Else" };
        chain[1] = changed with { Hash = AuditChain.HashOf(changed, 2, changed.PreviousHash!) };

        var walk = Walk(chain);

        Assert.Equal(AuditBreakKind.LinkBroken, walk.FirstBreak!.Kind);
        Assert.Equal(3, walk.FirstBreak.Sequence);
    }

    [Fact]
    public void ARemovedEntry_IsReportedAsMissingWithItsNumber()
    {
        var chain = Chain(5);
        chain.RemoveAt(3);

        var walk = Walk(chain);

        Assert.Equal(AuditBreakKind.EntriesMissing, walk.FirstBreak!.Kind);
        Assert.Equal(4, walk.FirstBreak.Sequence);
    }

    [Fact]
    public void EntriesRemovedFromTheEnd_AreFoundByTheHead()
    {
        var chain = Chain(5);
        var walk = new AuditChainWalk(1, AuditChain.Genesis);
        foreach (var link in chain.Take(3))
        {
            walk.Visit(link);
        }

        walk.Finish(5, chain[4].Hash!);

        Assert.Equal(AuditBreakKind.HeadMismatch, walk.FirstBreak!.Kind);
        Assert.Contains("the last 2 entries were removed", walk.FirstBreak.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntryWrittenPastThePortal_IsOutsideTheChain()
    {
        var chain = Chain(2);
        chain.Add(new AuditLink(99, null, null, null, Start, "x", "Intruder", "GradeReleased", 7, null, null, null, null, null, null));

        var walk = Walk(chain);

        Assert.Equal(AuditBreakKind.EntryOutsideChain, walk.FirstBreak!.Kind);
        Assert.Equal(99, walk.FirstBreak.EntryId);
    }

    [Fact]
    public void AWholeChainRewritten_DiffersFromTheAnchorNotedOutside()
    {
        var original = Chain(4);
        var anchor = new AuditAnchor(3, original[2].Hash!);

        // An operator rewrites entry 2 and re-hashes everything after it: the chain is consistent again...
        var forged = new List<AuditLink>();
        var previous = AuditChain.Genesis;
        foreach (var link in original)
        {
            var content = link.Sequence == 2 ? link with { Details = "forged" } : link;
            var hash = AuditChain.HashOf(content, content.Sequence!.Value, previous);
            forged.Add(content with { PreviousHash = previous, Hash = hash });
            previous = hash;
        }

        Assert.Equal(0, Walk(forged).BreakCount);

        // ...but not with the hash noted outside the portal.
        var walk = Walk(forged, anchor);
        Assert.Equal(AuditBreakKind.AnchorMismatch, walk.FirstBreak!.Kind);
        Assert.Equal(3, walk.FirstBreak.Sequence);
    }

    [Theory]
    [InlineData("12:" + "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", true)]
    [InlineData(" 3 : abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789 ", true)]
    [InlineData("0:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", false)]
    [InlineData("12:abc", false)]
    [InlineData("twelve:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", false)]
    [InlineData(null, false)]
    public void AnAnchor_IsReadOnlyAsNumberColonHash(string? text, bool valid)
    {
        Assert.Equal(valid, AuditAnchor.Parse(text) is not null);
    }

    [Fact]
    public void ASavedEntry_CannotBeSealedAgain()
    {
        var entry = new AuditEntry(Start, "user-1", "Ada", "X", null, null, null, null, null);

        Assert.Throws<ArgumentOutOfRangeException>(() => entry.Seal(0, AuditChain.Genesis));
        entry.Seal(1, AuditChain.Genesis);
        Assert.True(entry.IsSealed);
    }

    [Fact]
    public void TheHash_CoversTheFileHashAnEntryRecords()
    {
        var file = Guid.NewGuid();
        var a = new AuditEntry(Start, "u", "U", "EvidenceUploaded", 1, null, null, null, null).RecordsFile(file, new string('a', 64));
        var b = new AuditEntry(Start, "u", "U", "EvidenceUploaded", 1, null, null, null, null).RecordsFile(file, new string('b', 64));

        Assert.NotEqual(AuditChain.HashOf(a, 1, AuditChain.Genesis), AuditChain.HashOf(b, 1, AuditChain.Genesis));
    }
}
