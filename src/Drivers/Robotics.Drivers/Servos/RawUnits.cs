namespace Robotics.Drivers.Servos;

/// <summary>Physical value → register units for both protocols: finite, rounded half away from zero, within the register's range.</summary>
internal static class RawUnits
{
    public static int ToRaw(double value, string paramName, long min, long max)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be finite");
        }

        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        if (rounded < min || rounded > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} is {rounded} raw units, outside {min} .. {max}");
        }

        return (int)rounded;
    }
}
