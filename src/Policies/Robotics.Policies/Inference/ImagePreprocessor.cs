using Robotics.Policies.Contract;

namespace Robotics.Policies.Inference;

/// <summary>Pixel layouts we take from sensor_msgs/Image.</summary>
public enum PixelFormat
{
    Rgb8,
    Bgr8,
    Mono8,
}

/// <summary>A camera frame as it arrived: packed 8-bit pixels, rows of <see cref="Step"/> bytes.</summary>
public readonly ref struct ImageFrame(ReadOnlySpan<byte> pixels, int width, int height, int step, PixelFormat format)
{
    public ReadOnlySpan<byte> Pixels { get; } = pixels;

    public int Width { get; } = width;

    public int Height { get; } = height;

    public int Step { get; } = step;

    public PixelFormat Format { get; } = format;

    /// <summary>sensor_msgs/Image encodings we read (REP 104 names); others are an error naming the encoding.</summary>
    public static PixelFormat ParseEncoding(string encoding) => encoding switch
    {
        "rgb8" => PixelFormat.Rgb8,
        "bgr8" => PixelFormat.Bgr8,
        "mono8" or "8UC1" => PixelFormat.Mono8,
        _ => throw new ArgumentException($"image encoding '{encoding}' is not supported (rgb8, bgr8, mono8)", nameof(encoding)),
    };
}

/// <summary>
/// Resizes a frame to the sidecar's size (bilinear, pixel centres aligned as OpenCV's INTER_LINEAR and torchvision's
/// antialias=False resize do) and writes planar RGB floats: value / 255, then (x − mean) / std per channel.
/// </summary>
public static class ImagePreprocessor
{
    public static void Write(in ImageFrame frame, ImageSpec spec, Span<float> chw)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var channels = frame.Format == PixelFormat.Mono8 ? 1 : 3;
        if (frame.Width <= 0 || frame.Height <= 0 || frame.Step < frame.Width * channels || frame.Pixels.Length < frame.Step * frame.Height)
        {
            throw new ArgumentException($"image {frame.Width}×{frame.Height} ({frame.Format}, step {frame.Step}) does not fit its {frame.Pixels.Length} bytes");
        }

        var (w, h) = (spec.Width, spec.Height);
        var sx = (double)frame.Width / w;
        var sy = (double)frame.Height / h;
        for (var y = 0; y < h; y++)
        {
            var fy = Math.Clamp(((y + 0.5) * sy) - 0.5, 0, frame.Height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, frame.Height - 1);
            var wy = fy - y0;
            for (var x = 0; x < w; x++)
            {
                var fx = Math.Clamp(((x + 0.5) * sx) - 0.5, 0, frame.Width - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, frame.Width - 1);
                var wx = fx - x0;
                for (var c = 0; c < 3; c++)
                {
                    // Source channel: RGB order in the output whatever the frame's order.
                    var source = channels == 1 ? 0 : frame.Format == PixelFormat.Bgr8 ? 2 - c : c;
                    var pixels = frame.Pixels;
                    var (row0, row1) = (y0 * frame.Step, y1 * frame.Step);
                    var (col0, col1) = ((x0 * channels) + source, (x1 * channels) + source);
                    var top = (pixels[row0 + col0] * (1 - wx)) + (pixels[row0 + col1] * wx);
                    var bottom = (pixels[row1 + col0] * (1 - wx)) + (pixels[row1 + col1] * wx);
                    var value = ((top * (1 - wy)) + (bottom * wy)) / 255.0;
                    chw[(c * w * h) + (y * w) + x] = (float)((value - spec.Mean[c]) / spec.Std[c]);
                }
            }
        }
    }
}
