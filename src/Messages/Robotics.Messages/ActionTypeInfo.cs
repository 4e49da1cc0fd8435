namespace Robotics.Messages;

/// <summary>An action type and the services and messages rosidl derives from it (send_goal, get_result, feedback).</summary>
public sealed class ActionTypeInfo(string name, MessageTypeInfo goal, MessageTypeInfo result, MessageTypeInfo feedback, ServiceTypeInfo sendGoal, ServiceTypeInfo getResult, MessageTypeInfo feedbackMessage)
{
    public string Name { get; } = name;

    public MessageTypeInfo Goal { get; } = goal;

    public MessageTypeInfo Result { get; } = result;

    public MessageTypeInfo Feedback { get; } = feedback;

    public ServiceTypeInfo SendGoal { get; } = sendGoal;

    public ServiceTypeInfo GetResult { get; } = getResult;

    public MessageTypeInfo FeedbackMessage { get; } = feedbackMessage;

    /// <summary>The action's own RIHS01 type hash (all its messages and services together); computed on first use.</summary>
    public string TypeHash => field ??= TypeDescriptionHash.Compute(this);

    public override string ToString() => Name;
}
