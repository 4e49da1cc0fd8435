using System.Runtime.InteropServices;

namespace Robotics.Sim.MuJoCo.Interop;

/// <summary>Owns an mjModel (mj_deleteModel on release).</summary>
internal sealed class ModelHandle : SafeHandle
{
    public ModelHandle(nint model)
        : base(0, ownsHandle: true) => SetHandle(model);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        MuJoCoNative.DeleteModel(handle);
        return true;
    }
}

/// <summary>Owns an mjData; keeps its model alive, since every MuJoCo call on data also reads the model.</summary>
internal sealed class DataHandle : SafeHandle
{
    private readonly ModelHandle _model;

    public DataHandle(nint data, ModelHandle model)
        : base(0, ownsHandle: true)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        _model = model;
        SetHandle(data);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        MuJoCoNative.DeleteData(handle);
        _model.DangerousRelease();
        return true;
    }
}

/// <summary>Owns an offscreen renderer (rmj_renderer_destroy on release); keeps its model alive, which it reads on every render.</summary>
internal sealed class RendererHandle : SafeHandle
{
    private readonly ModelHandle _model;

    public RendererHandle(nint renderer, ModelHandle model)
        : base(0, ownsHandle: true)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        _model = model;
        SetHandle(renderer);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        RoboticsMuJoCoShim.RendererDestroy(handle);
        _model.DangerousRelease();
        return true;
    }
}
