using Robotics.Drivers.Channels;

namespace Robotics.Drivers.Tests.Channels;

/// <summary>The contract on the in-memory pair.</summary>
public sealed class InMemoryChannelContractTests : ByteChannelContractTests
{
    protected override (IByteChannel A, IByteChannel B) CreatePair() => InMemoryChannelPair.Create();
}
