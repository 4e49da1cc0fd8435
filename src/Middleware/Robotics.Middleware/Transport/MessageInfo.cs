namespace Robotics.Middleware.Transport;

/// <summary>Metadata delivered with each sample: when it was sent and received (ns since the Unix epoch), by whom.</summary>
public readonly record struct MessageInfo(long SourceTimestampNs, long ReceivedTimestampNs, Guid PublisherId, long Sequence);
