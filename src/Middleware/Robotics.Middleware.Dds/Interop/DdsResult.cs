using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Interop;

/// <summary>The one place where DDS return codes become exceptions (ARCHITECTURE.md: errors translated once).</summary>
internal static class DdsResult
{
    /// <summary>Returns <paramref name="result"/> (an entity handle or count) when it is not negative; throws otherwise.</summary>
    public static int Check(int result, string what)
    {
        if (result < 0)
        {
            throw new DdsException($"{what} failed: {Describe(result)}") { ReturnCode = result };
        }

        return result;
    }

    public static string Describe(int code)
    {
        var text = Marshal.PtrToStringUTF8(Ddsc.StrRetCode(code));
        return text is null ? $"DDS error {code}" : $"{text} ({code})";
    }
}
