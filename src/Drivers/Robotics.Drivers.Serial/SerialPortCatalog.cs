using System.Globalization;

namespace Robotics.Drivers.Serial;

/// <summary>
/// Lists the serial ports a servo adapter shows up as: USB-serial bridges (<c>ttyUSB*</c>: FTDI, CH340, CP210x — the
/// U2D2 and most Feetech boards), CDC-ACM devices (<c>ttyACM*</c>: OpenRB-150, microcontrollers), and whatever udev
/// linked in <c>/dev/serial/by-id</c>. Ordered by device name, numbers compared as numbers (ttyUSB2 before ttyUSB10).
/// </summary>
public static class SerialPortCatalog
{
    private static readonly string[] _devicePatterns = ["ttyUSB*", "ttyACM*"];

    public static IReadOnlyList<SerialPortInfo> List() => List("/dev");

    /// <summary>Lists under <paramref name="deviceDirectory"/> instead of /dev (tests use a directory of fakes).</summary>
    internal static IReadOnlyList<SerialPortInfo> List(string deviceDirectory)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        var linkDirectory = Path.Combine(deviceDirectory, "serial", "by-id");
        if (Directory.Exists(linkDirectory))
        {
            foreach (var link in Directory.EnumerateFileSystemEntries(linkDirectory).Order(StringComparer.Ordinal))
            {
                // udev writes relative targets (../../ttyUSB0). A device with several links keeps the first by name.
                if (new FileInfo(link).LinkTarget is { } target)
                {
                    byId.TryAdd(Path.GetFullPath(target, linkDirectory), link);
                }
            }
        }

        var devices = new SortedSet<string>(Comparer<string>.Create(CompareNatural));
        if (Directory.Exists(deviceDirectory))
        {
            foreach (var pattern in _devicePatterns)
            {
                devices.UnionWith(Directory.EnumerateFileSystemEntries(deviceDirectory, pattern));
            }
        }

        devices.UnionWith(byId.Keys.Where(File.Exists)); // a link to a dangling device is left out

        return [.. devices.Select(device => new SerialPortInfo(device, byId.GetValueOrDefault(device)))];
    }

    /// <summary>Orders by the name without its trailing number, then by that number.</summary>
    private static int CompareNatural(string? a, string? b)
    {
        var (stemA, numberA) = Split(a ?? string.Empty);
        var (stemB, numberB) = Split(b ?? string.Empty);
        var byStem = string.CompareOrdinal(stemA, stemB);
        return byStem != 0 ? byStem : numberA != numberB ? numberA.CompareTo(numberB) : string.CompareOrdinal(a, b);
    }

    private static (string Stem, long Number) Split(string path)
    {
        var end = path.Length;
        while (end > 0 && char.IsAsciiDigit(path[end - 1]))
        {
            end--;
        }

        var digits = path.AsSpan(end);
        return (path[..end], digits.Length is > 0 and < 18 ? long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) : -1);
    }
}
