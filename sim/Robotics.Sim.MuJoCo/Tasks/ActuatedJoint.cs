namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>A commanded joint with its qpos address and the position actuator that drives it.</summary>
internal readonly record struct ActuatedJoint(string Name, int QposAddress, int Actuator, double CtrlMin, double CtrlMax)
{
    private const int TransmissionJoint = 0; // mjTRN_JOINT

    /// <summary>The joint named <paramref name="name"/> and the one actuator whose transmission is that joint.</summary>
    public static ActuatedJoint Find(MjModel model, string name)
    {
        var joint = model.Id(MjObjectType.Joint, name);
        var types = model.Ints("actuator_trntype");
        var targets = model.Ints("actuator_trnid");
        for (var a = 0; a < model.Nu; a++)
        {
            if (types[a] == TransmissionJoint && targets[2 * a] == joint)
            {
                var ranges = model.Doubles("actuator_ctrlrange");
                var (min, max) = (ranges[2 * a], ranges[(2 * a) + 1]);
                var qpos = model.Ints("jnt_qposadr")[joint];
                // MuJoCo stores an unlimited control as range 0 0.
                return min < max ? new(name, qpos, a, min, max) : new(name, qpos, a, double.NegativeInfinity, double.PositiveInfinity);
            }
        }

        throw new MuJoCoException($"{Path.GetFileName(model.Path)}: no actuator drives joint '{name}'");
    }
}
