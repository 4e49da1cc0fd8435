using System.Diagnostics;
using Robotics.Drivers.Channels;

namespace Robotics.Drivers.Tests.Channels;

/// <summary>
/// What every <see cref="IByteChannel"/> must do, run against each implementation through a connected pair of ends
/// (in memory here; a socat pty pair in the serial edge's tests, which compile this file too).
/// </summary>
public abstract class ByteChannelContractTests : IDisposable
{
    private readonly Lazy<(IByteChannel A, IByteChannel B)> _pair;

    protected ByteChannelContractTests() => _pair = new(CreatePair);

    protected IByteChannel A => _pair.Value.A;

    protected IByteChannel B => _pair.Value.B;

    /// <summary>Two ends joined back to back, both open.</summary>
    protected abstract (IByteChannel A, IByteChannel B) CreatePair();

    [Fact]
    public void Write_OnOneEnd_IsReadOnTheOtherInOrder()
    {
        A.Write([0xFF, 0xFF, 0xFD, 0x00, 0x01]);
        A.Write([0x03, 0x00, 0x01]);

        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFD, 0x00, 0x01, 0x03, 0x00, 0x01 }, ReadExactly(B, 8));
    }

    [Fact]
    public void BothDirections_CarryTheirOwnBytes()
    {
        A.Write([1, 2, 3]);
        B.Write([9, 8]);

        Assert.Equal(new byte[] { 1, 2, 3 }, ReadExactly(B, 3));
        Assert.Equal(new byte[] { 9, 8 }, ReadExactly(A, 2));
    }

    [Fact]
    public void EveryByteValue_PassesUnchanged()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        A.Write(all);

        Assert.Equal(all, ReadExactly(B, all.Length));
    }

    [Fact]
    public void ALargeWrite_ArrivesWhole()
    {
        var data = new byte[4096];
        new Random(7).NextBytes(data);

        A.Write(data);

        Assert.Equal(data, ReadExactly(B, data.Length));
    }

    [Fact]
    public void Read_WithNothingSent_ReturnsZeroAfterAboutTheTimeout()
    {
        var buffer = new byte[16];
        var watch = Stopwatch.StartNew();

        var read = B.Read(buffer, TimeSpan.FromMilliseconds(30));

        Assert.Equal(0, read);
        Assert.True(watch.ElapsedMilliseconds >= 20, $"returned after {watch.ElapsedMilliseconds} ms, before the timeout");
    }

    [Fact]
    public void DiscardInput_DropsWhatArrivedBeforeIt()
    {
        A.Write([1, 2, 3]);
        WaitUntilReadable();

        B.DiscardInput();
        A.Write([4]);

        Assert.Equal(new byte[] { 4 }, ReadExactly(B, 1));
    }

    [Fact]
    public void Disposed_WriteThrowsObjectDisposed()
    {
        var (a, _) = _pair.Value;
        a.Dispose();

        Assert.Throws<ObjectDisposedException>(() => a.Write([1]));
    }

    public void Dispose()
    {
        if (_pair.IsValueCreated)
        {
            _pair.Value.A.Dispose();
            _pair.Value.B.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Reads until <paramref name="count"/> bytes came (reads may return fewer at a time); fails after 5 s.</summary>
    protected static byte[] ReadExactly(IByteChannel channel, int count)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var result = new byte[count];
        var got = 0;
        var deadline = Environment.TickCount64 + 5000;
        while (got < count && Environment.TickCount64 < deadline)
        {
            got += channel.Read(result.AsSpan(got), TimeSpan.FromMilliseconds(100));
        }

        Assert.True(got == count, $"read {got} of {count} bytes from {channel.Name}");
        return result;
    }

    // Bytes in flight through a kernel pty need a moment; wait until the 3 bytes are surely in B's input queue.
    private static void WaitUntilReadable() => Thread.Sleep(50);
}
