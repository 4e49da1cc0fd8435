using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Runtime;

/// <summary>The simulated tasks by name (the supervisor's <c>task</c> parameter), each with its model loaded.</summary>
public static class EpisodeTasks
{
    private static readonly Dictionary<string, Func<ExpertOptions?, (SimTask, ScriptedExpert)>> _tasks = new(StringComparer.Ordinal)
    {
        ["reach"] = options => Pair(new ReachTask(), task => new ReachExpert(task, options)),
        ["insertion"] = options => Pair(new InsertionTask(), task => new InsertionExpert(task, options)),
        ["pick_lift"] = options => Pair(new PickLiftTask(), task => new PickLiftExpert(task, options)),
    };

    public static IEnumerable<string> Names => _tasks.Keys.Order(StringComparer.Ordinal);

    /// <summary>A new task with its own model (the caller owns it).</summary>
    public static IEpisodeTask Create(string name)
    {
        var (task, expert) = CreateWithExpert(name);
        return new SimTaskEpisode(name, task, expert);
    }

    /// <summary>The task alone (stepped directly, as demonstration collection and evaluation do) and its scripted expert.</summary>
    public static (SimTask Task, ScriptedExpert Expert) CreateWithExpert(string name, ExpertOptions? options = null) =>
        _tasks.TryGetValue(name, out var create) ? create(options)
            : throw new ArgumentException($"unknown simulated task '{name}' (available: {string.Join(", ", Names)})");

    private static (SimTask, ScriptedExpert) Pair<T>(T task, Func<T, ScriptedExpert> expert)
        where T : SimTask
    {
        try
        {
            return (task, expert(task));
        }
        catch
        {
            task.Dispose();
            throw;
        }
    }
}
