using System.Globalization;
using System.Text;

namespace Robotics.Cli.Learning;

/// <summary>
/// A line chart as an SVG file (opens in any browser; no plotting package is served here, DEPENDENCIES.md):
/// several named series over a shared x axis, optional log-scale y (loss curves span decades).
/// </summary>
public static class SvgChart
{
    private static readonly string[] _colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"];

    public static void Save(string path, string title, string xLabel, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        const double W = 720, H = 420, Left = 70, Right = 20, Top = 40, Bottom = 50;
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Y) && (!logY || p.Y > 0)).ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException("nothing to plot", nameof(series));
        }

        double Fy(double y) => logY ? Math.Log10(y) : y;
        var (x0, x1) = (points.Min(p => p.X), points.Max(p => p.X));
        var (y0, y1) = (points.Min(p => Fy(p.Y)), points.Max(p => Fy(p.Y)));
        if (x1 <= x0)
        {
            x1 = x0 + 1;
        }

        if (y1 <= y0)
        {
            y1 = y0 + 1;
        }

        string X(double x) => F(Left + ((x - x0) / (x1 - x0) * (W - Left - Right)));
        string Y(double y) => F(H - Bottom - ((Fy(y) - y0) / (y1 - y0) * (H - Top - Bottom)));
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/><text x=\"{W / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{H - Bottom}\" x2=\"{W - Right}\" y2=\"{H - Bottom}\" stroke=\"black\"/><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{H - Bottom}\" stroke=\"black\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var fy = y0 + ((y1 - y0) * i / 4);
            var label = logY ? Math.Pow(10, fy).ToString("G2", CultureInfo.InvariantCulture) : fy.ToString("G3", CultureInfo.InvariantCulture);
            var py = F(H - Bottom - ((H - Top - Bottom) * i / 4));
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{py}\" x2=\"{W - Right}\" y2=\"{py}\" stroke=\"#ddd\"/><text x=\"{Left - 6}\" y=\"{py}\" text-anchor=\"end\" dominant-baseline=\"middle\">{label}</text>");
            var fx = x0 + ((x1 - x0) * i / 4);
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{X(fx)}\" y=\"{H - Bottom + 18}\" text-anchor=\"middle\">{fx.ToString("G4", CultureInfo.InvariantCulture)}</text>");
        }

        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{W / 2}\" y=\"{H - 8}\" text-anchor=\"middle\">{Escape(xLabel)}</text><text transform=\"translate(16 {H / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = _colours[s % _colours.Length];
            var line = string.Join(" ", series[s].Points.Where(p => double.IsFinite(p.Y) && (!logY || p.Y > 0)).Select(p => $"{X(p.X)},{Y(p.Y)}"));
            svg.AppendLine(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{line}\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{W - Right - 150}\" y=\"{Top + 10 + (16 * s)}\" fill=\"{colour}\">{Escape(series[s].Name)}</text>");
        }

        svg.AppendLine("</svg>");
        File.WriteAllText(path, svg.ToString());
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;
}
