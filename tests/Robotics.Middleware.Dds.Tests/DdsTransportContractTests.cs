using Robotics.Middleware.Tests.Transport;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>The transport contract over real Cyclone DDS on loopback: the same tests the in-process bus passes.</summary>
public sealed class DdsTransportContractTests : TransportContractTests
{
    protected override ITransport CreateTransport(TimeProvider time) => new DdsTransport(LoopbackDds.Options(time));
}
