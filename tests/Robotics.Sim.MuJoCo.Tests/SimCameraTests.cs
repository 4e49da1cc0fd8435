using Robotics.Messages.StdMsgs;
using Robotics.Sim.MuJoCo.Camera;

namespace Robotics.Sim.MuJoCo.Tests;

/// <summary>The simulated camera: MuJoCo's renderer on Mesa's software OSMesa, drawing the SO arm model offscreen.</summary>
public sealed class SimCameraTests
{
    private const int Width = 320;
    private const int Height = 240;

    private static string Arm => Path.Combine(AppContext.BaseDirectory, "models", "so_arm.xml");

    [Fact]
    public void Render_FrontCamera_DrawsTheSceneNotAUniformImage()
    {
        using var model = MjModel.Load(Arm);
        using var data = model.CreateData();
        data.Forward();
        using var camera = SimCamera.Create(model, Width, Height);

        var rgb = Render(camera, data, "front");

        // Background, table, arm, shadow and markers: a rendered scene has many colours and a wide brightness range.
        Assert.True(DistinctColours(rgb) > 100, $"only {DistinctColours(rgb)} distinct colours");
        Assert.InRange(rgb.Max() - rgb.Min(), 150, 255);
        // The arm is orange (red well above blue) somewhere in the middle of the image.
        Assert.Contains(Pixels(rgb), p => p.R > 150 && p.R > p.B + 80);
    }

    [Fact]
    public void Render_MovingAJoint_ChangesTheImage()
    {
        using var model = MjModel.Load(Arm);
        using var data = model.CreateData();
        data.Forward();
        using var camera = SimCamera.Create(model, Width, Height);
        var before = Render(camera, data, "front");

        data.Qpos[model.Id(MjObjectType.Joint, "shoulder_pan")] = 0.8;
        data.Forward();
        var after = Render(camera, data, "front");

        var changed = Enumerable.Range(0, Width * Height).Count(i => !before.AsSpan(i * 3, 3).SequenceEqual(after.AsSpan(i * 3, 3)));
        Assert.True(changed > Width * Height / 100, $"only {changed} pixels changed when the arm swung 0.8 rad");
    }

    [Fact]
    public async Task Render_SameState_IsDeterministicAcrossCallsCamerasAndThreads()
    {
        using var model = MjModel.Load(Arm);
        using var data = model.CreateData();
        data.Qpos[model.Id(MjObjectType.Joint, "elbow_flex")] = -0.6;
        data.Forward();
        using var camera = SimCamera.Create(model, Width, Height);
        using var other = SimCamera.Create(model, Width, Height);

        var first = Render(camera, data, "front");
        var again = Render(camera, data, "front");
        var otherCamera = Render(other, data, "front");
        // Rendering from another thread: the context is made current on the calling thread each time.
        var otherThread = await Task.Run(() => Render(camera, data, "front"));

        Assert.Equal(first, again);
        Assert.Equal(first, otherCamera);
        Assert.Equal(first, otherThread);
    }

    [Fact]
    public void RenderImage_IsRgb8WithRowsTopFirst()
    {
        using var model = MjModel.Load(Arm);
        using var data = model.CreateData();
        data.Forward();
        using var camera = SimCamera.Create(model, Width, Height);
        var header = new Header { FrameId = "front" };

        var image = camera.RenderImage(data, "front", header);

        Assert.Same(header, image.Header);
        Assert.Equal(((uint)Width, (uint)Height, "rgb8", (byte)0, (uint)Width * 3), (image.Width, image.Height, image.Encoding, image.IsBigendian, image.Step));
        Assert.Equal(Width * Height * 3, image.Data.Length);
        // The camera looks down at the table from above it: black sky at the top of the image, table at the bottom.
        // Unflipped GL rows (bottom first) would put the table on top.
        Assert.True(RowBrightness(image.Data, 0) < 20, $"top row brightness {RowBrightness(image.Data, 0)}");
        Assert.True(RowBrightness(image.Data, Height - 1) > 60, $"bottom row brightness {RowBrightness(image.Data, Height - 1)}");
    }

    [Fact]
    public void Render_FreeView_DrawsTheModelFromMuJoCosDefaultView()
    {
        using var model = MjModel.Load(Arm);
        using var data = model.CreateData();
        data.Forward();
        using var camera = SimCamera.Create(model, Width, Height);

        var free = Render(camera, data, null);

        Assert.True(DistinctColours(free) > 100, $"only {DistinctColours(free)} distinct colours");
        Assert.NotEqual(Render(camera, data, "front"), free);
    }

    [Fact]
    public void Render_OddSize_FillsExactlyTheImage()
    {
        using var model = MjModel.Load(Arm);
        using var data = model.CreateData();
        data.Forward();
        // 161 * 3 bytes a row is not a multiple of 4, GL's default row alignment.
        using var camera = SimCamera.Create(model, 161, 121);
        var buffer = new byte[camera.ImageBytes + 64];
        buffer.AsSpan(camera.ImageBytes).Fill(0xAB);

        camera.Render(data, "front", buffer);

        Assert.All(buffer[camera.ImageBytes..], b => Assert.Equal(0xAB, b));
        Assert.True(DistinctColours(buffer[..camera.ImageBytes]) > 50);
    }

    [Fact]
    public void Create_SizeOutOfRange_ThrowsMuJoCoExceptionWithTheRenderersReason()
    {
        using var model = MjModel.Load(Arm);

        var error = Assert.Throws<MuJoCoException>(() => SimCamera.Create(model, 0, Height));

        Assert.Contains("so_arm.xml", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x240 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownCamera_ThrowsListingTheModelsCameras()
    {
        using var model = MjModel.Load(Arm);
        using var data = model.CreateData();
        using var camera = SimCamera.Create(model, Width, Height);

        var error = Assert.Throws<MuJoCoException>(() => camera.Render(data, "wrist", new byte[camera.ImageBytes]));

        Assert.Contains("'wrist'", error.Message, StringComparison.Ordinal);
        Assert.Contains("front", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BadArguments_Throw()
    {
        using var model = MjModel.Load(Arm);
        using var otherModel = MjModel.Load(Arm);
        using var data = model.CreateData();
        using var otherData = otherModel.CreateData();
        using var camera = SimCamera.Create(model, Width, Height);

        Assert.Throws<ArgumentException>(() => camera.Render(data, "front", new byte[camera.ImageBytes - 1]));
        Assert.Throws<ArgumentException>(() => camera.Render(otherData, "front", new byte[camera.ImageBytes]));
        camera.Dispose();
        Assert.Throws<ObjectDisposedException>(() => camera.Render(data, "front", new byte[camera.ImageBytes]));
    }

    private static byte[] Render(SimCamera camera, MjData data, string? cameraName)
    {
        var rgb = new byte[camera.ImageBytes];
        camera.Render(data, cameraName, rgb);
        return rgb;
    }

    private static IEnumerable<(byte R, byte G, byte B)> Pixels(byte[] rgb) =>
        Enumerable.Range(0, rgb.Length / 3).Select(i => (rgb[i * 3], rgb[(i * 3) + 1], rgb[(i * 3) + 2]));

    private static int DistinctColours(byte[] rgb) => Pixels(rgb).Distinct().Count();

    private static double RowBrightness(byte[] rgb, int row) => rgb.AsSpan(row * Width * 3, Width * 3).ToArray().Average(b => (double)b);
}
