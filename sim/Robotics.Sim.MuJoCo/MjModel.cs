using System.Runtime.InteropServices;
using System.Text;
using Robotics.Sim.MuJoCo.Interop;

namespace Robotics.Sim.MuJoCo;

/// <summary>
/// A compiled MuJoCo model (mjModel). Loading an MJCF file that MuJoCo rejects throws with MuJoCo's own message
/// (file, element, line). Array fields are read and written in place by name (mjxmacro.h names: jnt_range,
/// actuator_gainprm, geom_friction, body_mass…), which is how domain randomization edits a model between episodes.
/// Spans returned here point into native memory: valid while this model is not disposed.
/// </summary>
public sealed class MjModel : IDisposable
{
    private const int ErrorBufferSize = 1000;
    private readonly ModelHandle _handle;

    private MjModel(ModelHandle handle, string path)
    {
        (_handle, Path) = (handle, path);
        Nq = Int("nq");
        Nv = Int("nv");
        Nu = Int("nu");
        Nbody = Int("nbody");
        Njnt = Int("njnt");
        Ngeom = Int("ngeom");
        Nsite = Int("nsite");
        NsensorData = Int("nsensordata");
        Nkey = Int("nkey");
    }

    /// <summary>The MJCF file this model was loaded from.</summary>
    public string Path { get; }

    public int Nq { get; }

    public int Nv { get; }

    public int Nu { get; }

    public int Nbody { get; }

    public int Njnt { get; }

    public int Ngeom { get; }

    public int Nsite { get; }

    public int NsensorData { get; }

    public int Nkey { get; }

    /// <summary>Physics step in seconds (mjOption.timestep).</summary>
    public unsafe double Timestep
    {
        get => *(double*)OptionPointer("timestep");
        set
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "the physics timestep must be a positive number of seconds");
            }

            *(double*)OptionPointer("timestep") = value;
        }
    }

    internal nint Pointer => _handle.DangerousGetHandle();

    internal ModelHandle Handle => _handle;

    /// <summary>Compiles <paramref name="path"/>; a model MuJoCo rejects throws with MuJoCo's message.</summary>
    public static unsafe MjModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        NativeLibraries.EnsureLoaded();
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new MuJoCoException($"MuJoCo model file '{full}' does not exist");
        }

        var error = stackalloc byte[ErrorBufferSize];
        error[0] = 0;
        var model = MuJoCoNative.LoadXml(full, 0, error, ErrorBufferSize);
        if (model == 0)
        {
            var text = Marshal.PtrToStringUTF8((nint)error)?.Trim();
            throw new MuJoCoException($"MuJoCo could not load '{full}': {(string.IsNullOrEmpty(text) ? "no reason given" : text)}");
        }

        return new MjModel(new ModelHandle(model), full);
    }

    /// <summary>A new simulation state for this model (it keeps the model alive).</summary>
    public MjData CreateData() => new(this);

    /// <summary>The id of a named object, or -1.</summary>
    public int TryId(MjObjectType type, string name) => MuJoCoNative.NameToId(Pointer, (int)type, name);

    /// <summary>The id of a named object; a missing one throws naming the model and the names it does have.</summary>
    public int Id(MjObjectType type, string name)
    {
        var id = TryId(type, name);
        if (id < 0)
        {
            throw new MuJoCoException($"{System.IO.Path.GetFileName(Path)} has no {type.ToString().ToLowerInvariant()} named '{name}' (it has: {string.Join(", ", Names(type))})");
        }

        return id;
    }

    public string? NameOf(MjObjectType type, int id) => Marshal.PtrToStringUTF8(MuJoCoNative.IdToName(Pointer, (int)type, id));

    /// <summary>Every named object of a kind, in id order.</summary>
    public IReadOnlyList<string> Names(MjObjectType type)
    {
        var count = type switch
        {
            MjObjectType.Body => Nbody,
            MjObjectType.Joint => Njnt,
            MjObjectType.Geom => Ngeom,
            MjObjectType.Site => Nsite,
            MjObjectType.Key => Nkey,
            // The two kinds whose count is not n + kind in mjModel.
            MjObjectType.Actuator => Nu,
            MjObjectType.Camera => Int("ncam"),
            _ => Int("n" + type.ToString().ToLowerInvariant()),
        };
        return [.. Enumerable.Range(0, count).Select(i => NameOf(type, i)).OfType<string>().Where(n => n.Length > 0)];
    }

    /// <summary>A double (mjtNum) array field by its mjModel name, e.g. jnt_range (njnt × 2).</summary>
    public Span<double> Doubles(string field) => Array<double>(field, FieldType.Double);

    public Span<int> Ints(string field) => Array<int>(field, FieldType.Int);

    public Span<float> Floats(string field) => Array<float>(field, FieldType.Float);

    /// <summary>Columns of an array field (3 for body_pos, 2 for jnt_range).</summary>
    public int Columns(string field)
    {
        _ = Lookup(field, out _, out _, out var cols);
        return cols;
    }

    public void Dispose() => _handle.Dispose();

    private unsafe Span<T> Array<T>(string field, FieldType expected)
        where T : unmanaged
    {
        var address = Lookup(field, out var type, out var rows, out var cols);
        if (type != expected)
        {
            throw new MuJoCoException($"mjModel.{field} holds {type} values, not {typeof(T).Name}");
        }

        return new Span<T>((void*)address, rows * cols);
    }

    private nint Lookup(string field, out FieldType type, out int rows, out int cols)
    {
        var address = RoboticsMuJoCoShim.ModelArray(Pointer, field, out type, out rows, out cols);
        if (type == FieldType.None)
        {
            throw new MuJoCoException($"mjModel has no array field '{field}' (names as in mujoco/mjxmacro.h)");
        }

        return address;
    }

    private int Int(string field) =>
        RoboticsMuJoCoShim.ModelInt(Pointer, field, out var value) == 0 ? value : throw new MuJoCoException($"mjModel has no size field '{field}'");

    private nint OptionPointer(string field)
    {
        var address = RoboticsMuJoCoShim.Option(Pointer, field, out var type, out _);
        return type == FieldType.None ? throw new MuJoCoException($"mjOption has no field '{field}'") : address;
    }

    /// <summary>MuJoCo's version as text, e.g. "2.2.2".</summary>
    public static string Version()
    {
        NativeLibraries.EnsureLoaded();
        var v = MuJoCoNative.Version();
        return new StringBuilder().Append(v / 100).Append('.').Append(v / 10 % 10).Append('.').Append(v % 10).ToString();
    }
}
