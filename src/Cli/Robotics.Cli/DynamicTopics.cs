using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Robotics.Messages;
using Robotics.Middleware;
using Robotics.Middleware.Qos;

namespace Robotics.Cli;

/// <summary>
/// Publishers and subscriptions for a type chosen at run time (CLI only): closes the node's generic methods over the
/// message class once. The per-message path stays reflection-free.
/// </summary>
internal static class DynamicTopics
{
    private static readonly MethodInfo _subscribe = typeof(DynamicTopics).GetMethod(nameof(SubscribeTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo _publisher = typeof(DynamicTopics).GetMethod(nameof(PublisherTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "Message classes are rooted by the registry.")]
    public static IDisposable Subscribe(Node node, MessageTypeInfo type, string topic, QosProfile qos, Action<IRosMessage> callback) =>
        (IDisposable)_subscribe.MakeGenericMethod(type.ClrType).Invoke(null, [node, topic, qos, callback])!;

    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "Message classes are rooted by the registry.")]
    public static Action<IRosMessage> Publisher(Node node, MessageTypeInfo type, string topic, QosProfile qos) =>
        (Action<IRosMessage>)_publisher.MakeGenericMethod(type.ClrType).Invoke(null, [node, topic, qos])!;

    private static Middleware.Topics.Subscription<T> SubscribeTyped<T>(Node node, string topic, QosProfile qos, Action<IRosMessage> callback)
        where T : class, IRosMessage<T> => node.CreateSubscription<T>(topic, m => callback(m), qos);

    private static Action<IRosMessage> PublisherTyped<T>(Node node, string topic, QosProfile qos)
        where T : class, IRosMessage<T>
    {
        var publisher = node.CreatePublisher<T>(topic, qos);
        return m => publisher.Publish((T)m);
    }
}
