using Moq;

namespace EpaPortal.Domain.Tests.TestData;

/// <summary>The clock is an edge: a mocked <see cref="TimeProvider"/> fixed at a known moment.</summary>
internal static class TestClock
{
    /// <summary>Wednesday 3 March 2027, 10:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 3, 10, 0, 0, TimeSpan.Zero);

    public static TimeProvider At(DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        var clock = new Mock<TimeProvider>();
        clock.Setup(c => c.GetUtcNow()).Returns(now.ToUniversalTime());
        clock.Setup(c => c.LocalTimeZone).Returns(zone ?? TimeZoneInfo.Utc);
        return clock.Object;
    }
}
