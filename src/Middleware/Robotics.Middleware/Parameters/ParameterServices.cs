using Robotics.Messages.RclInterfaces;

namespace Robotics.Middleware.Parameters;

/// <summary>
/// The six parameter services every rclcpp node offers under <c>~/</c>, so `robotics param` (and `ros2 param`
/// over DDS) can list, read, describe and set any node's parameters.
/// </summary>
internal static class ParameterServices
{
    public static void Start(Node node)
    {
        var store = node.Parameters;
        node.CreateService<ListParametersRequest, ListParametersResponse>("~/list_parameters", request => List(store, request));
        node.CreateService<GetParametersRequest, GetParametersResponse>("~/get_parameters", request => new GetParametersResponse
        {
            Values = [.. request.Names.Select(n => store.TryGet(n, out var v) ? v.ToMessage() : new Messages.RclInterfaces.ParameterValue())],
        });
        node.CreateService<GetParameterTypesRequest, GetParameterTypesResponse>("~/get_parameter_types", request => new GetParameterTypesResponse
        {
            Types = [.. request.Names.Select(n => store.TryGet(n, out var v) ? (byte)v.Type : (byte)0)],
        });
        node.CreateService<SetParametersRequest, SetParametersResponse>("~/set_parameters", request => new SetParametersResponse
        {
            Results = [.. request.Parameters.Select(p => ToMessage(store.Set(p.Name, ParameterValue.FromMessage(p.Value))))],
        });
        node.CreateService<SetParametersAtomicallyRequest, SetParametersAtomicallyResponse>("~/set_parameters_atomically", request => new SetParametersAtomicallyResponse
        {
            Result = ToMessage(store.SetAtomically([.. request.Parameters.Select(p => (p.Name, ParameterValue.FromMessage(p.Value)))])),
        });
        node.CreateService<DescribeParametersRequest, DescribeParametersResponse>("~/describe_parameters", request => new DescribeParametersResponse
        {
            Descriptors = [.. request.Names.Where(store.IsDeclared).Select(n => Describe(store, n))],
        });
    }

    private static ListParametersResponse List(ParameterStore store, ListParametersRequest request)
    {
        // depth counts '.'-separated levels below a prefix; 0 means unlimited (DEPTH_RECURSIVE).
        var names = store.Names.Where(n => request.Prefixes.Length == 0
            ? request.Depth == 0 || (ulong)n.Count(c => c == '.') < request.Depth
            : request.Prefixes.Any(p => n.StartsWith(p + ".", StringComparison.Ordinal) && (request.Depth == 0 || (ulong)n[(p.Length + 1)..].Count(c => c == '.') < request.Depth))).ToArray();
        var prefixes = names.Where(n => n.Contains('.', StringComparison.Ordinal)).Select(n => n[..n.LastIndexOf('.')]).Distinct().ToArray();
        return new ListParametersResponse { Result = new ListParametersResult { Names = names, Prefixes = prefixes } };
    }

    private static Messages.RclInterfaces.ParameterDescriptor Describe(ParameterStore store, string name)
    {
        var descriptor = store.Describe(name);
        var message = new Messages.RclInterfaces.ParameterDescriptor
        {
            Name = name,
            Type = (byte)store.Get(name).Type,
            Description = descriptor.Description,
            AdditionalConstraints = descriptor.AdditionalConstraints,
            ReadOnly = descriptor.ReadOnly,
            DynamicTyping = descriptor.DynamicTyping,
        };
        if (descriptor.IntegerRange is { } ints)
        {
            message.IntegerRange = [new Messages.RclInterfaces.IntegerRange { FromValue = ints.From, ToValue = ints.To, Step = ints.Step }];
        }

        if (descriptor.FloatingPointRange is { } doubles)
        {
            message.FloatingPointRange = [new Messages.RclInterfaces.FloatingPointRange { FromValue = doubles.From, ToValue = doubles.To, Step = doubles.Step }];
        }

        return message;
    }

    private static Messages.RclInterfaces.SetParametersResult ToMessage(SetParametersResult result) =>
        new() { Successful = result.Successful, Reason = result.Reason };
}
