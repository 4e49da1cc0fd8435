namespace Robotics.Sim.MuJoCo.Runtime;

/// <summary>The simulated tasks by name (the supervisor's <c>task</c> parameter), each with its model loaded.</summary>
public static class EpisodeTasks
{
    private static readonly Dictionary<string, Func<(IEpisodeTask Task, MjModel Model)>> _tasks = new(StringComparer.Ordinal);

    public static IEnumerable<string> Names => _tasks.Keys.Order(StringComparer.Ordinal);

    /// <summary>The task and the model it drives (the caller owns the model).</summary>
    public static (IEpisodeTask Task, MjModel Model) Create(string name) =>
        _tasks.TryGetValue(name, out var create) ? create()
            : throw new ArgumentException($"unknown simulated task '{name}' (available: {string.Join(", ", Names)})");

    /// <summary>The models folder shipped beside this assembly (sim/models in the repository).</summary>
    public static string ModelPath(string file) => Path.Combine(AppContext.BaseDirectory, "models", file);
}
