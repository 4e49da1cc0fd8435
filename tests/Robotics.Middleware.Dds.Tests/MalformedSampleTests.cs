using System.Collections.Concurrent;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Dds.Tests.Support;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using StringMessage = Robotics.Messages.StdMsgs.String;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// A peer that sends bad CDR on a ROS topic (a buggy or hostile node) must not reach application callbacks, crash
/// the process, stop the reader or flood the log: each sample is dropped and counted, one warning names the topic.
/// The garbage goes out through a raw DDS writer with the topic's real type name, exactly as another process would send it.
/// </summary>
public sealed class MalformedSampleTests : IDisposable
{
    private readonly RosTestEnvironment _env = new(new DdsTransport(LoopbackDds.Options()));

    public static TheoryData<string, byte[]> Garbage => new()
    {
        { "string length beyond the sample", [0x00, 0x01, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x00, (byte)'a', (byte)'b', 0x00, 0x00] },
        { "length larger than any buffer", [0x00, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'a', 0x00, 0x00, 0x00] },
        { "invalid UTF-8", [0x00, 0x01, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0xC3, 0x28, 0x00, 0x00] },
        { "no terminating NUL", [0x00, 0x01, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, (byte)'a', (byte)'b', 0x00, 0x00] },
        { "XCDR2 encapsulation", [0x00, 0x07, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, (byte)'a', 0x00, 0x00, 0x00] },
        { "PL_CDR encapsulation", [0x00, 0x03, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, (byte)'a', 0x00, 0x00, 0x00] },
        { "header only, no body", [0x00, 0x01, 0x00, 0x00] },
        { "truncated length field", [0x00, 0x01, 0x00, 0x00, 0x05, 0x00] },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Subscription_OneMalformedSample_IsDroppedCountedAndWarnedAbout(string what, byte[] sample)
    {
        var (topic, received, writer) = Setup("malformed_one");
        using (writer)
        {
            writer.Write(sample);
            writer.Write(new StringMessage { Data = "valid after " + what });

            _env.SpinUntil(() => !received.IsEmpty, "the valid sample after the malformed one arrived");
            Assert.Equal(["valid after " + what], received);
            Assert.Equal(1L, Transport.MalformedSamples.GetValueOrDefault(topic));
            Assert.Single(_env.Warnings, w => w.Contains(topic, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Subscription_ManyMalformedSamples_CountsEachButWarnsOnceAndKeepsDelivering()
    {
        var (topic, received, writer) = Setup("malformed_many");
        using (writer)
        {
            writer.Write(new StringMessage { Data = "before" });
            foreach (var sample in Garbage.Select(row => (byte[])row[1]))
            {
                writer.Write(sample);
            }

            writer.Write(new StringMessage { Data = "after" });

            // Samples of one writer are delivered in order, so once "after" is here every malformed one was handled.
            _env.SpinUntil(() => received.Count == 2, "both valid samples arrived");
            Assert.Equal(["before", "after"], received);
            Assert.Equal((long)Garbage.Count, Transport.MalformedSamples.GetValueOrDefault(topic));
            var warning = Assert.Single(_env.Warnings, w => w.Contains(topic, StringComparison.Ordinal));
            Assert.Contains("std_msgs/msg/String", warning, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean(); // no error logged and no callback threw: the garbage never got that far
    }

    private DdsTransport Transport => (DdsTransport)_env.Context.Transport;

    private (string Topic, ConcurrentQueue<string> Received, RawWriter Writer) Setup(string name)
    {
        var topic = TestNames.Topic(name);
        var received = new ConcurrentQueue<string>();
        _env.CreateNode(TestNames.Node("victim")).CreateSubscription<StringMessage>(topic, m => received.Enqueue(m.Data));
        using var qos = DdsQos.For(QosProfile.Default);
        var writer = new RawWriter(Transport.Publisher, Transport.Topic(RosTopicNames.Topic(topic), StringMessage.TypeInfo.DdsName), qos.Handle);
        Eventually.True(() => writer.MatchedReaderCount > 0, "the raw writer matched the subscription");
        return (topic, received, writer);
    }
}
