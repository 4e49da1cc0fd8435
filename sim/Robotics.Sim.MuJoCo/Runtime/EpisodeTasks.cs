using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Runtime;

/// <summary>The simulated tasks by name (the supervisor's <c>task</c> parameter), each with its model loaded.</summary>
public static class EpisodeTasks
{
    private static readonly Dictionary<string, Func<IEpisodeTask>> _tasks = new(StringComparer.Ordinal)
    {
        ["reach"] = () => Episode("reach", new ReachTask(), task => new ReachExpert(task)),
        ["insertion"] = () => Episode("insertion", new InsertionTask(), task => new InsertionExpert(task)),
        ["pick_lift"] = () => Episode("pick_lift", new PickLiftTask(), task => new PickLiftExpert(task)),
    };

    public static IEnumerable<string> Names => _tasks.Keys.Order(StringComparer.Ordinal);

    /// <summary>A new task with its own model (the caller owns it).</summary>
    public static IEpisodeTask Create(string name) =>
        _tasks.TryGetValue(name, out var create) ? create()
            : throw new ArgumentException($"unknown simulated task '{name}' (available: {string.Join(", ", Names)})");

    private static SimTaskEpisode Episode<T>(string name, T task, Func<T, ScriptedExpert> expert)
        where T : SimTask
    {
        try
        {
            return new SimTaskEpisode(name, task, expert(task));
        }
        catch
        {
            task.Dispose();
            throw;
        }
    }
}
