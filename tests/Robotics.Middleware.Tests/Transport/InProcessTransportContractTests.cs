using Robotics.Middleware.Transport;
using Robotics.Middleware.Transport.InProcess;

namespace Robotics.Middleware.Tests.Transport;

/// <summary>The transport contract on the embedded in-process bus.</summary>
public sealed class InProcessTransportContractTests : TransportContractTests
{
    protected override ITransport CreateTransport(TimeProvider time) => new InProcessTransport(time);
}
