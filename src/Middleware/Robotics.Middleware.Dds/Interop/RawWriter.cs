using Robotics.Messages;
using Robotics.Messages.Cdr;

namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// A DDS writer on a raw-CDR topic: serializes into a reused buffer and hands the bytes to Cyclone. Unless created
/// <c>batched</c>, it flushes after each write while process-wide batching is on (<see cref="WriteBatching"/>).
/// </summary>
internal sealed unsafe class RawWriter : IDisposable
{
    private readonly EntityHandle _writer;
    private readonly Lock _lock = new();
    private readonly bool _batched;
    private byte[] _buffer = new byte[256];

    public RawWriter(EntityHandle publisher, int topic, nint qos, bool batched = false)
    {
        _writer = EntityHandle.Create(Ddsc.CreateWriter(publisher.Entity, topic, qos, 0), "dds_create_writer", publisher);
        _batched = batched;
    }

    public int Entity => _writer.Entity;

    public int MatchedReaderCount => Ddsc.GetPublicationMatchedStatus(_writer.Entity, out var status) >= 0 ? (int)status.CurrentCount : 0;

    public Guid Guid => Ddsc.GetGuid(_writer.Entity, out var guid) >= 0 ? guid.ToGuid() : Guid.Empty;

    public void Write<T>(T message)
        where T : IRosMessage
    {
        var size = CdrSerializer.GetSerializedSize(message);
        lock (_lock)
        {
            if (_buffer.Length < size)
            {
                _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
            }

            CdrSerializer.Serialize(message, _buffer.AsSpan(0, size));
            WriteLocked(_buffer.AsSpan(0, size));
        }
    }

    public void Write(ReadOnlySpan<byte> cdr)
    {
        lock (_lock)
        {
            WriteLocked(cdr);
        }
    }

    /// <summary>Best effort: a writer deleted meanwhile has nothing left to flush.</summary>
    public void Flush() => _ = Ddsc.WriteFlush(_writer.Entity);

    public void Dispose() => _writer.Dispose();

    private void WriteLocked(ReadOnlySpan<byte> cdr)
    {
        ObjectDisposedException.ThrowIf(_writer.IsClosed, this);
        fixed (byte* data = cdr)
        {
            var raw = new RawSample { Data = data, Size = (uint)cdr.Length };
            DdsResult.Check(Ddsc.Write(_writer.Entity, &raw), "dds_write");
        }

        if (!_batched && WriteBatching.IsOn)
        {
            Flush();
        }
    }
}
