using Robotics.Middleware.Lifecycle;

namespace Robotics.Middleware.Tests.Lifecycle;

/// <summary>A managed node whose transition callbacks record their calls and return what the test scripted.</summary>
public sealed class ScriptedLifecycleNode(RosContext context, string name) : LifecycleNode(context, name)
{
    private readonly List<string> _calls = [];

    /// <summary>"configure from Unconfigured", "error from Unconfigured", ... in call order.</summary>
    public IReadOnlyList<string> Calls => _calls;

    public Func<CallbackReturn> ConfigureOutcome { get; set; } = () => CallbackReturn.Success;

    public CallbackReturn ErrorOutcome { get; set; } = CallbackReturn.Success;

    protected override CallbackReturn OnConfigure(LifecycleState previous) => Record("configure", previous, ConfigureOutcome);

    protected override CallbackReturn OnActivate(LifecycleState previous) => Record("activate", previous, () => CallbackReturn.Success);

    protected override CallbackReturn OnDeactivate(LifecycleState previous) => Record("deactivate", previous, () => CallbackReturn.Success);

    protected override CallbackReturn OnCleanup(LifecycleState previous) => Record("cleanup", previous, () => CallbackReturn.Success);

    protected override CallbackReturn OnShutdown(LifecycleState previous) => Record("shutdown", previous, () => CallbackReturn.Success);

    protected override CallbackReturn OnError(LifecycleState previous) => Record("error", previous, () => ErrorOutcome);

    private CallbackReturn Record(string callback, LifecycleState previous, Func<CallbackReturn> outcome)
    {
        _calls.Add($"{callback} from {previous}");
        return outcome();
    }
}
