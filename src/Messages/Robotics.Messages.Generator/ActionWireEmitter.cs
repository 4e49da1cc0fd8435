using System.Text;
using Robotics.Messages.Definitions;

namespace Robotics.Messages.Generator;

/// <summary>
/// The extra interfaces of the types rosidl derives from a <c>.action</c> file (Robotics.Messages.Actions): which
/// wire interface each one implements, and the goal type's visitor that names all five wire types.
/// </summary>
internal static class ActionWireEmitter
{
    private const string Actions = "global::Robotics.Messages.Actions.";

    /// <summary>", global::...IGoalRequest&lt;XGoal&gt;" and the like, or "" for a type that is not an action wire type.</summary>
    public static string Interfaces(MessageSpec spec)
    {
        if (spec.Kind != "action")
        {
            return string.Empty;
        }

        var (action, part) = Split(spec.Name);
        return part switch
        {
            "_Goal" => ", " + Actions + "IActionGoal<" + Triple(action) + ">",
            "_SendGoal_Request" => ", " + Actions + "IGoalRequest<" + Names.Class(action + "_Goal") + ">",
            "_SendGoal_Response" => ", " + Actions + "IGoalResponse",
            "_GetResult_Request" => ", " + Actions + "IResultRequest",
            "_GetResult_Response" => ", " + Actions + "IResultResponse<" + Names.Class(action + "_Result") + ">",
            "_FeedbackMessage" => ", " + Actions + "IFeedbackMessage<" + Names.Class(action + "_Feedback") + ">",
            _ => string.Empty,
        };
    }

    /// <summary>On <c>X_Goal</c>: the static member that hands the visitor X's five wire types.</summary>
    public static void EmitGoalVisitor(StringBuilder text, MessageSpec spec)
    {
        var (action, part) = Split(spec.Name);
        if (spec.Kind != "action" || part != "_Goal")
        {
            return;
        }

        text.Append("    static TReturn ").Append(Actions).Append("IActionGoal<").Append(Triple(action)).Append(">.VisitWire<TReturn>(")
            .Append(Actions).Append("IActionWireVisitor<").Append(Triple(action)).AppendLine(", TReturn> visitor) =>");
        text.Append("        visitor.Visit<").Append(Names.Class(action + "_SendGoal_Request")).Append(", ")
            .Append(Names.Class(action + "_SendGoal_Response")).Append(", ")
            .Append(Names.Class(action + "_GetResult_Request")).Append(", ")
            .Append(Names.Class(action + "_GetResult_Response")).Append(", ")
            .Append(Names.Class(action + "_FeedbackMessage")).AppendLine(">();");
        text.AppendLine();
    }

    private static string Triple(string action) =>
        Names.Class(action + "_Goal") + ", " + Names.Class(action + "_Result") + ", " + Names.Class(action + "_Feedback");

    private static (string Action, string Part) Split(string name)
    {
        foreach (var part in new[] { "_SendGoal_Request", "_SendGoal_Response", "_GetResult_Request", "_GetResult_Response", "_FeedbackMessage", "_Goal", "_Result", "_Feedback" })
        {
            if (name.EndsWith(part, System.StringComparison.Ordinal))
            {
                return (name.Substring(0, name.Length - part.Length), part);
            }
        }

        return (name, string.Empty);
    }
}
