using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// Owns one DDS entity (participant, topic, reader, writer…). A child keeps its parent alive, so a participant is
/// never deleted under a reader that a Cyclone thread is still calling back into.
/// </summary>
internal sealed class EntityHandle : SafeHandle
{
    private readonly EntityHandle? _parent;

    public EntityHandle(int entity, EntityHandle? parent)
        : base(0, ownsHandle: true)
    {
        SetHandle(entity);
        if (parent is not null)
        {
            var added = false;
            parent.DangerousAddRef(ref added);
            _parent = parent;
        }
    }

    public int Entity => (int)handle;

    public override bool IsInvalid => handle <= 0;

    /// <summary>Creates the entity with <paramref name="create"/>, checking its result, and wraps it.</summary>
    public static EntityHandle Create(int result, string what, EntityHandle? parent) => new(DdsResult.Check(result, what), parent);

    protected override bool ReleaseHandle()
    {
        // Deleting a child of an already deleted entity reports "already deleted": nothing to do then.
        _ = Ddsc.Delete((int)handle);
        _parent?.DangerousRelease();
        return true;
    }
}
