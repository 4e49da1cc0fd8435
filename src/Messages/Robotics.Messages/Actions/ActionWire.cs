using Robotics.Messages.BuiltinInterfaces;
using Robotics.Messages.UniqueIdentifierMsgs;

namespace Robotics.Messages.Actions;

// rosidl derives five wire types from every .action file (rosidl_adapter/action.py): the send_goal request and
// response, the get_result request and response, and the feedback message. The generator makes each one implement
// the matching interface below, so the action runtime handles every action with one generic implementation.

/// <summary><c>X_SendGoal_Request</c>: <c>unique_identifier_msgs/UUID goal_id</c>, <c>X_Goal goal</c>.</summary>
public interface IGoalRequest<TGoal>
{
    UUID GoalId { get; set; }

    TGoal Goal { get; set; }
}

/// <summary><c>X_SendGoal_Response</c>: <c>bool accepted</c>, <c>builtin_interfaces/Time stamp</c>.</summary>
public interface IGoalResponse
{
    bool Accepted { get; set; }

    Time Stamp { get; set; }
}

/// <summary><c>X_GetResult_Request</c>: <c>unique_identifier_msgs/UUID goal_id</c>.</summary>
public interface IResultRequest
{
    UUID GoalId { get; set; }
}

/// <summary><c>X_GetResult_Response</c>: <c>int8 status</c> (action_msgs/GoalStatus), <c>X_Result result</c>.</summary>
public interface IResultResponse<TResult>
{
    sbyte Status { get; set; }

    TResult Result { get; set; }
}

/// <summary><c>X_FeedbackMessage</c>: <c>unique_identifier_msgs/UUID goal_id</c>, <c>X_Feedback feedback</c>.</summary>
public interface IFeedbackMessage<TFeedback>
{
    UUID GoalId { get; set; }

    TFeedback Feedback { get; set; }
}

/// <summary>
/// Implemented by every generated <c>X_Goal</c> type: names its action's result and feedback types, and hands the
/// five wire types to a visitor, which is how the (transport-facing, strongly typed) action runtime gets them without
/// reflection.
/// </summary>
public interface IActionGoal<TGoal, TResult, TFeedback>
    where TGoal : class, IRosMessage<TGoal>, IActionGoal<TGoal, TResult, TFeedback>
    where TResult : class, IRosMessage<TResult>, new()
    where TFeedback : class, IRosMessage<TFeedback>
{
    static abstract TReturn VisitWire<TReturn>(IActionWireVisitor<TGoal, TResult, TFeedback, TReturn> visitor);
}

/// <summary>Receives the wire types of one action (see <see cref="IActionGoal{TGoal, TResult, TFeedback}"/>).</summary>
public interface IActionWireVisitor<TGoal, TResult, TFeedback, out TReturn>
    where TGoal : class, IRosMessage<TGoal>, IActionGoal<TGoal, TResult, TFeedback>
    where TResult : class, IRosMessage<TResult>, new()
    where TFeedback : class, IRosMessage<TFeedback>
{
    TReturn Visit<TGoalRequest, TGoalResponse, TResultRequest, TResultResponse, TFeedbackMessage>()
        where TGoalRequest : class, IRosMessage<TGoalRequest>, IGoalRequest<TGoal>, new()
        where TGoalResponse : class, IRosMessage<TGoalResponse>, IGoalResponse, new()
        where TResultRequest : class, IRosMessage<TResultRequest>, IResultRequest, new()
        where TResultResponse : class, IRosMessage<TResultResponse>, IResultResponse<TResult>, new()
        where TFeedbackMessage : class, IRosMessage<TFeedbackMessage>, IFeedbackMessage<TFeedback>, new();
}
