using Robotics.Sim.MuJoCo.Interop;

namespace Robotics.Sim.MuJoCo;

/// <summary>
/// One simulation state (mjData) of a model: step, reset, and the state arrays in place (qpos, qvel, ctrl,
/// sensordata, xpos, site_xpos…). mjData's arrays never move, so their addresses are looked up once and every
/// accessor is a span over native memory: no copies, no allocation per step. Not thread-safe: one thread per data
/// (vectorized environments give each worker its own). Keeps its model alive.
/// </summary>
public sealed unsafe class MjData : IDisposable
{
    private readonly DataHandle _handle;
    private readonly nint _model;
    private readonly nint _data;
    private readonly double* _time;
    private readonly int* _ncon;
    private readonly NativeArray _qpos, _qvel, _ctrl, _sensorData, _qfrcActuator, _xpos, _siteXpos, _siteXmat;

    internal MjData(MjModel model)
    {
        Model = model;
        _model = model.Pointer;
        var data = MuJoCoNative.MakeData(_model);
        if (data == 0)
        {
            throw new MuJoCoException($"MuJoCo could not allocate the simulation state for '{model.Path}' (out of memory?)");
        }

        _handle = new DataHandle(data, model.Handle);
        _data = data;
        _time = (double*)Scalar("time");
        _ncon = (int*)Scalar("ncon");
        (_qpos, _qvel, _ctrl, _sensorData) = (Field("qpos"), Field("qvel"), Field("ctrl"), Field("sensordata"));
        (_qfrcActuator, _xpos, _siteXpos, _siteXmat) = (Field("qfrc_actuator"), Field("xpos"), Field("site_xpos"), Field("site_xmat"));
    }

    public MjModel Model { get; }

    internal nint Pointer => _data;

    /// <summary>Simulation time in seconds.</summary>
    public double Time
    {
        get => *_time;
        set => *_time = value;
    }

    public Span<double> Qpos => _qpos.Span;

    public Span<double> Qvel => _qvel.Span;

    public Span<double> Ctrl => _ctrl.Span;

    public Span<double> SensorData => _sensorData.Span;

    /// <summary>Actuator forces on the joints (nv): what a servo's load register would report.</summary>
    public Span<double> QfrcActuator => _qfrcActuator.Span;

    /// <summary>Body positions in the world (nbody × 3).</summary>
    public Span<double> Xpos => _xpos.Span;

    /// <summary>Site positions in the world (nsite × 3).</summary>
    public Span<double> SiteXpos => _siteXpos.Span;

    /// <summary>Site orientations in the world (nsite × 9, row-major rotation matrices).</summary>
    public Span<double> SiteXmat => _siteXmat.Span;

    /// <summary>Contacts found by the last step.</summary>
    public int ContactCount => *_ncon;

    /// <summary>True once MuJoCo reported a bad number in qpos/qvel/qacc (it then resets the state by itself).</summary>
    public bool Diverged =>
        RoboticsMuJoCoShim.WarningCount(_data, 4) > 0 || RoboticsMuJoCoShim.WarningCount(_data, 5) > 0 || RoboticsMuJoCoShim.WarningCount(_data, 6) > 0;

    public void Step() => MuJoCoNative.Step(_model, _data);

    /// <summary>Steps <paramref name="steps"/> times in one native call.</summary>
    public void Step(int steps) => RoboticsMuJoCoShim.StepN(_model, _data, steps);

    /// <summary>Recomputes derived quantities (positions, sensors, contacts) from qpos/qvel without advancing time.</summary>
    public void Forward() => MuJoCoNative.Forward(_model, _data);

    /// <summary>Back to the model's initial state (qpos0, zero velocity, time 0); also clears the warning counters.</summary>
    public void Reset() => MuJoCoNative.ResetData(_model, _data);

    /// <summary>Back to a keyframe of the model.</summary>
    public void Reset(int keyframe)
    {
        if (keyframe < 0 || keyframe >= Model.Nkey)
        {
            throw new ArgumentOutOfRangeException(nameof(keyframe), keyframe, $"'{Model.Path}' has {Model.Nkey} keyframes");
        }

        MuJoCoNative.ResetDataKeyframe(_model, _data, keyframe);
    }

    /// <summary>Contact <paramref name="index"/> of the last step: the two geoms, signed distance (negative: penetration), position.</summary>
    public MjContact Contact(int index)
    {
        double* position = stackalloc double[3];
        if (RoboticsMuJoCoShim.Contact(_data, index, out var geom1, out var geom2, out var dist, position) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the last step found {ContactCount} contacts");
        }

        return new MjContact(geom1, geom2, dist, position[0], position[1], position[2]);
    }

    /// <summary>Whether two geoms touch in the current state.</summary>
    public bool InContact(int geomA, int geomB)
    {
        for (var i = 0; i < ContactCount; i++)
        {
            var c = Contact(i);
            if ((c.Geom1 == geomA && c.Geom2 == geomB) || (c.Geom1 == geomB && c.Geom2 == geomA))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A double array field of mjData by its name in mjxmacro.h.</summary>
    public Span<double> Doubles(string field) => Field(field).Span;

    public void Dispose() => _handle.Dispose();

    private NativeArray Field(string field)
    {
        var address = RoboticsMuJoCoShim.DataArray(_model, _data, field, out var type, out var rows, out var cols);
        return type == FieldType.Double ? new NativeArray((double*)address, rows * cols)
            : throw new MuJoCoException(type == FieldType.None ? $"mjData has no array field '{field}'" : $"mjData.{field} holds {type} values, not doubles");
    }

    private nint Scalar(string field)
    {
        var address = RoboticsMuJoCoShim.DataScalar(_data, field, out var type);
        return type == FieldType.None ? throw new MuJoCoException($"mjData has no scalar field '{field}'") : address;
    }
}

/// <summary>An array inside mjData (its address never changes while the data lives).</summary>
internal readonly unsafe struct NativeArray(double* address, int length)
{
    public Span<double> Span => new(address, length);
}

/// <summary>One contact: geoms, signed distance (m, negative when penetrating) and world position.</summary>
public readonly record struct MjContact(int Geom1, int Geom2, double Distance, double X, double Y, double Z);
