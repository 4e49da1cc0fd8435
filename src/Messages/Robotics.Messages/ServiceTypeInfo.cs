namespace Robotics.Messages;

/// <summary>A service type: its ROS 2 name (<c>std_srvs/srv/Trigger</c>) and its request and response messages.</summary>
public sealed class ServiceTypeInfo(string name, MessageTypeInfo request, MessageTypeInfo response)
{
    public string Name { get; } = name;

    public MessageTypeInfo Request { get; } = request;

    public MessageTypeInfo Response { get; } = response;

    /// <summary>The service's own RIHS01 type hash (request, response and event together); computed on first use.</summary>
    public string TypeHash => field ??= TypeDescriptionHash.Compute(this);

    public override string ToString() => Name;
}
