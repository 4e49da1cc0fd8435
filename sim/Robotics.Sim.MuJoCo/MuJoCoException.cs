namespace Robotics.Sim.MuJoCo;

/// <summary>A MuJoCo problem: a model that does not load (with MuJoCo's own text), a missing library, a diverging simulation.</summary>
public class MuJoCoException : Exception
{
    public MuJoCoException()
    {
    }

    public MuJoCoException(string message)
        : base(message)
    {
    }

    public MuJoCoException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
