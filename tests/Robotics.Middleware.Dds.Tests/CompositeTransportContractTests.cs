using Robotics.Middleware.Tests.Transport;
using Robotics.Middleware.Transport;
using Robotics.Middleware.Transport.Composite;
using Robotics.Middleware.Transport.InProcess;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// The contract on the hybrid transport (in-process between co-located nodes, DDS ignoring its own participant):
/// every sample must arrive exactly once, services answer once, the graph shows each entity once.
/// </summary>
public sealed class CompositeTransportContractTests : TransportContractTests
{
    protected override ITransport CreateTransport(TimeProvider time) =>
        new CompositeTransport(new InProcessTransport(time), new DdsTransport(LoopbackDds.Options(time) with { IgnoreLocalParticipant = true }));
}
