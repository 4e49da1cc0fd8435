using System.Reflection;

namespace Robotics.Architecture.Tests;

/// <summary>
/// The layer table of ARCHITECTURE.md, checked against the built assemblies: a project may reference only layers
/// below it (and, for the core runtime, its sibling), and only edge projects may contain native interop.
/// </summary>
public class LayerTests
{
    // Lower number = lower layer. Same-layer references are allowed only where listed in _siblings.
    private static readonly Dictionary<string, int> _layers = new(StringComparer.Ordinal)
    {
        ["Robotics.Messages"] = 0,
        ["Robotics.Middleware"] = 1,
        ["Robotics.Launch"] = 1,
        ["Robotics.Safety"] = 2,
        ["Robotics.Drivers"] = 2,
        ["Robotics.Policies"] = 2,
        ["Robotics.Recording"] = 2,
        ["Robotics.Middleware.Dds"] = 3,
        ["Robotics.Policies.Onnx"] = 3,
        ["Robotics.Sim.MuJoCo"] = 3,
        ["Robotics.Drivers.Serial"] = 3,
        ["Robotics.Monitoring.Mqtt"] = 3,
        ["Robotics.Nodes"] = 4,
        ["robotics"] = 5,
    };

    // Edges reference only their own domain abstraction (plus the core below it), never another edge or the nodes.
    private static readonly HashSet<string> _edges = ["Robotics.Middleware.Dds", "Robotics.Policies.Onnx", "Robotics.Sim.MuJoCo", "Robotics.Drivers.Serial", "Robotics.Monitoring.Mqtt"];

    public static TheoryData<string> ProductAssemblies()
    {
        var data = new TheoryData<string>();
        foreach (var name in Loaded().Select(a => a.GetName().Name!))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void EveryProductAssemblyHasALayer()
    {
        var unknown = Loaded().Select(a => a.GetName().Name!).Where(n => !_layers.ContainsKey(n)).ToList();
        Assert.True(unknown.Count == 0, $"add these assemblies to the layer table (ARCHITECTURE.md): {string.Join(", ", unknown)}");
        Assert.Contains("Robotics.Messages", Loaded().Select(a => a.GetName().Name));
    }

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void ReferencesPointDownward(string assembly)
    {
        var violations = References(assembly).Where(r => !Allowed(assembly, r)).ToList();
        Assert.True(violations.Count == 0, $"{assembly} (layer {_layers[assembly]}) must not reference {string.Join(", ", violations.Select(v => $"{v} (layer {_layers[v]})"))}: see the layer table in ARCHITECTURE.md");
    }

    [Fact]
    public void MessagesReferenceOnlyTheBaseClassLibrary()
    {
        var messages = Loaded().Single(a => a.GetName().Name == "Robotics.Messages");
        var external = messages.GetReferencedAssemblies().Select(r => r.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard").ToList();
        Assert.Empty(external);
    }

    [Fact]
    public void OnlyEdgesContainNativeInterop()
    {
        foreach (var assembly in Loaded().Where(a => !_edges.Contains(a.GetName().Name!)))
        {
            var native = assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                .Where(m => m.Attributes.HasFlag(MethodAttributes.PinvokeImpl)).Select(m => $"{m.DeclaringType}.{m.Name}").ToList();
            Assert.True(native.Count == 0, $"{assembly.GetName().Name} is not an edge project but declares native methods: {string.Join(", ", native)}");
        }
    }

    [Fact]
    public void TheRuleCatchesAViolation()
    {
        // Guards the guard: an upward reference must be reported.
        Assert.False(Allowed("Robotics.Messages", "Robotics.Middleware"));
        Assert.False(Allowed("Robotics.Middleware.Dds", "Robotics.Sim.MuJoCo"));
        Assert.False(Allowed("Robotics.Safety", "Robotics.Nodes"));
        Assert.True(Allowed("Robotics.Launch", "Robotics.Middleware"));
    }

    private static bool Allowed(string from, string to) =>
        _layers[to] < _layers[from] && !(_edges.Contains(from) && (_edges.Contains(to) || _layers[to] > 2))
        || (from == "Robotics.Launch" && to == "Robotics.Middleware");

    private static IEnumerable<string> References(string assembly) =>
        Loaded().Single(a => a.GetName().Name == assembly).GetReferencedAssemblies().Select(r => r.Name!).Where(_layers.ContainsKey);

    private static List<Assembly> Loaded()
    {
        var directory = AppContext.BaseDirectory;
        return Directory.GetFiles(directory, "Robotics.*.dll").Append(Path.Combine(directory, "robotics.dll"))
            .Where(f => File.Exists(f) && !Path.GetFileName(f).Contains(".Tests", StringComparison.Ordinal) && !Path.GetFileName(f).Contains("Generator", StringComparison.Ordinal))
            .Select(Assembly.LoadFrom).ToList();
    }
}
