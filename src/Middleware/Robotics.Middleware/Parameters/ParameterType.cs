namespace Robotics.Middleware.Parameters;

/// <summary>rcl_interfaces/ParameterType values.</summary>
public enum ParameterType : byte
{
    NotSet = 0,
    Bool = 1,
    Integer = 2,
    Double = 3,
    String = 4,
    ByteArray = 5,
    BoolArray = 6,
    IntegerArray = 7,
    DoubleArray = 8,
    StringArray = 9,
}
