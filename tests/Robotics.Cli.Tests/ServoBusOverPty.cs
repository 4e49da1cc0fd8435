namespace Robotics.Cli.Tests;

/// <summary>
/// Tests that serve emulated servos over socat ptys run one at a time: each has reply deadlines of milliseconds, and
/// a supervisor loop thread (100 Hz, partly spinning) beside another test's emulator on a 2-core machine turns a
/// slow reply into a timeout that the test did not inject.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class ServoBusOverPty
{
    public const string Collection = "servo bus over pty";
}
