namespace Robotics.Cli.Learning;

/// <summary>A one-line progress bar on a terminal (redrawn in place), or plain lines when the output is redirected.</summary>
public sealed class ProgressBar(TextWriter output, string label, int total)
{
    private const int Width = 30;
    private readonly bool _terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private int _lastPercent = -1;

    public void Report(int done, string detail = "")
    {
        var fraction = total <= 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        var percent = (int)(fraction * 100);
        var filled = (int)(fraction * Width);
        var line = $"{label} [{new string('#', filled)}{new string('-', Width - filled)}] {done}/{total} {detail}";
        if (_terminal)
        {
            output.Write($"\r{line}\u001b[K");
            if (done >= total)
            {
                output.WriteLine();
            }
        }
        else if (percent / 10 != _lastPercent / 10 || done >= total)
        {
            output.WriteLine(line);
        }

        _lastPercent = percent;
        output.Flush();
    }
}
