using Robotics.Middleware.Qos;

namespace Robotics.Middleware.Tests.Qos;

/// <summary>QoS presets, validation and DDS request/offer matching.</summary>
public sealed class QosProfileTests
{
    [Fact]
    public void Presets_MatchRmw()
    {
        Assert.Equal((Reliability.Reliable, Durability.Volatile, 10), (QosProfile.Default.Reliability, QosProfile.Default.Durability, QosProfile.Default.Depth));
        Assert.Equal((Reliability.BestEffort, 5), (QosProfile.SensorData.Reliability, QosProfile.SensorData.Depth));
        Assert.Equal((Durability.TransientLocal, 1), (QosProfile.Latched.Durability, QosProfile.Latched.Depth));
        Assert.Equal((Durability.TransientLocal, 1000), (QosProfile.Rosout.Durability, QosProfile.Rosout.Depth));
    }

    [Fact]
    public void Constructor_NegativeDepth_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QosProfile(-1));
    }

    /// <summary>Options are validated at construction (CONVENTIONS.md 10); a `with` copy is a construction too.</summary>
    [Fact]
    public void With_NegativeDepth_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QosProfile.Default with { Depth = -1 });
    }

    [Fact]
    public void QueueCapacity_KeepLastUsesDepthAndKeepAllIsBounded()
    {
        Assert.Equal(7, new QosProfile(7).QueueCapacity);
        Assert.Equal(QosProfile.KeepAllLimit, (QosProfile.Default with { History = History.KeepAll }).QueueCapacity);
    }

    [Theory]
    [InlineData(Reliability.Reliable, Reliability.Reliable, true)]
    [InlineData(Reliability.Reliable, Reliability.BestEffort, true)]
    [InlineData(Reliability.BestEffort, Reliability.BestEffort, true)]
    [InlineData(Reliability.BestEffort, Reliability.Reliable, false)]
    public void Check_Reliability_ReaderMayNotAskForMoreThanOffered(Reliability offered, Reliability requested, bool compatible)
    {
        var problem = QosCompatibility.Check(QosProfile.Default with { Reliability = offered }, QosProfile.Default with { Reliability = requested });

        Assert.Equal(compatible, problem is null);
    }

    [Theory]
    [InlineData(Durability.TransientLocal, Durability.TransientLocal, true)]
    [InlineData(Durability.TransientLocal, Durability.Volatile, true)]
    [InlineData(Durability.Volatile, Durability.Volatile, true)]
    [InlineData(Durability.Volatile, Durability.TransientLocal, false)]
    public void Check_Durability_ReaderMayNotAskForMoreThanOffered(Durability offered, Durability requested, bool compatible)
    {
        var problem = QosCompatibility.Check(QosProfile.Default with { Durability = offered }, QosProfile.Default with { Durability = requested });

        Assert.Equal(compatible, problem is null);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(500, 1000, true)]
    [InlineData(1000, 1000, true)]
    [InlineData(2000, 1000, false)]
    [InlineData(0, 1000, false)]
    public void Check_Deadline_OfferedMustBeAtMostRequested(int offeredMs, int requestedMs, bool compatible)
    {
        var problem = QosCompatibility.Check(
            QosProfile.Default with { Deadline = TimeSpan.FromMilliseconds(offeredMs) },
            QosProfile.Default with { Deadline = TimeSpan.FromMilliseconds(requestedMs) });

        Assert.Equal(compatible, problem is null);
        if (!compatible)
        {
            Assert.Contains("deadline", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_ManualByTopicReaderAndAutomaticWriter_AreIncompatible()
    {
        var problem = QosCompatibility.Check(QosProfile.Default, QosProfile.Default with { Liveliness = Liveliness.ManualByTopic });

        Assert.NotNull(problem);
        Assert.Contains("liveliness", problem, StringComparison.Ordinal);
    }
}
