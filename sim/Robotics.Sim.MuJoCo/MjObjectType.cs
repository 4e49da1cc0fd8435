namespace Robotics.Sim.MuJoCo;

/// <summary>MuJoCo object kinds for name lookups (mjtObj in mjmodel.h, 2.2.2).</summary>
public enum MjObjectType
{
    Body = 1,
    Joint = 3,
    Geom = 5,
    Site = 6,
    Camera = 7,
    Actuator = 18,
    Sensor = 19,
    Key = 23,
}
