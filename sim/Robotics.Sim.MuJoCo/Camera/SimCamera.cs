using System.Runtime.InteropServices;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Sim.MuJoCo.Interop;

namespace Robotics.Sim.MuJoCo.Camera;

/// <summary>
/// A simulated RGB camera: MuJoCo's own renderer drawing a model's state offscreen on Mesa's software GL (OSMesa,
/// llvmpipe), so it works without a display or GPU. Images are <see cref="Width"/> × <see cref="Height"/>, 3 bytes a
/// pixel, top row first. Looks follow the model's &lt;visual&gt; element, and so does the cost: shadows
/// (quality/shadowsize, 4096 by default) and multisampling (quality/offsamples) dominate a software render.
/// Any thread may render (the GL context is made current per call); calls on one camera run one at a time.
/// Keeps its model alive.
/// </summary>
public sealed class SimCamera : IDisposable
{
    /// <summary>sensor_msgs/Image encoding of <see cref="Render"/>'s bytes (sensor_msgs/image_encodings.h RGB8).</summary>
    public const string Encoding = "rgb8";

    private const int ErrorBufferSize = 1000;
    private const int BytesPerPixel = 3;
    private readonly RendererHandle _handle;
    private readonly Lock _gate = new();

    private SimCamera(MjModel model, RendererHandle handle, int width, int height) =>
        (Model, _handle, Width, Height) = (model, handle, width, height);

    public MjModel Model { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes of one image: width × height × 3.</summary>
    public int ImageBytes => Width * Height * BytesPerPixel;

    /// <summary>
    /// A camera for <paramref name="model"/>'s scenes. Throws <see cref="MuJoCoException"/> with the renderer's reason
    /// when it cannot be made (Mesa's libOSMesa missing, a size out of range, an error inside MuJoCo's renderer).
    /// </summary>
    public static unsafe SimCamera Create(MjModel model, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        var error = stackalloc byte[ErrorBufferSize];
        error[0] = 0;
        var renderer = RoboticsMuJoCoShim.RendererCreate(model.Pointer, width, height, error, ErrorBufferSize);
        GC.KeepAlive(model);
        if (renderer == 0)
        {
            throw new MuJoCoException($"Cannot create a {width}x{height} camera for '{model.Path}': {Reason(error)}");
        }

        return new SimCamera(model, new RendererHandle(renderer, model.Handle), width, height);
    }

    /// <summary>
    /// Renders <paramref name="data"/> (a state of <see cref="Model"/>) into <paramref name="rgb"/> (at least
    /// <see cref="ImageBytes"/> long, rows top first) from the model's camera named <paramref name="cameraName"/>, or
    /// from MuJoCo's default free view of the whole model when it is null. Positions come from the last
    /// mj_forward/mj_step, as MuJoCo's viewer shows them.
    /// </summary>
    public unsafe void Render(MjData data, string? cameraName, Span<byte> rgb)
    {
        ArgumentNullException.ThrowIfNull(data);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (!ReferenceEquals(data.Model, Model))
        {
            throw new ArgumentException($"the state belongs to another model ('{data.Model.Path}') than this camera's ('{Model.Path}')", nameof(data));
        }

        if (rgb.Length < ImageBytes)
        {
            throw new ArgumentException($"a {Width}x{Height} RGB image needs {ImageBytes} bytes, the buffer has {rgb.Length}", nameof(rgb));
        }

        var camera = cameraName is null ? -1 : Model.Id(MjObjectType.Camera, cameraName);
        var error = stackalloc byte[ErrorBufferSize];
        error[0] = 0;
        int result;
        fixed (byte* pixels = rgb)
        {
            // One GL context per camera, current on one thread at a time.
            lock (_gate)
            {
                result = RoboticsMuJoCoShim.RendererRender(_handle, data.Pointer, camera, pixels, error, ErrorBufferSize);
            }
        }

        GC.KeepAlive(data);
        if (result != 0)
        {
            throw new MuJoCoException($"Rendering '{Model.Path}' from {(cameraName is null ? "the free view" : $"camera '{cameraName}'")} failed: {Reason(error)}");
        }
    }

    /// <summary>Renders into a new sensor_msgs/Image (rgb8, rows top first) stamped with <paramref name="header"/>.</summary>
    public Image RenderImage(MjData data, string? cameraName, Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var pixels = new byte[ImageBytes];
        Render(data, cameraName, pixels);
        return new Image
        {
            Header = header,
            Height = (uint)Height,
            Width = (uint)Width,
            Encoding = Encoding,
            IsBigendian = 0,
            Step = (uint)(Width * BytesPerPixel),
            Data = pixels,
        };
    }

    public void Dispose() => _handle.Dispose();

    private static unsafe string Reason(byte* error)
    {
        var text = Marshal.PtrToStringUTF8((nint)error)?.Trim();
        return string.IsNullOrEmpty(text) ? "no reason given" : text;
    }
}
