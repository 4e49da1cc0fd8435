namespace Robotics.Sim.MuJoCo.Tests;

/// <summary>The binding against the real libmujoco: loading, errors, fields, stepping, determinism, contacts.</summary>
public sealed class MjBindingTests
{
    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "data", file);

    [Fact]
    public void Load_ReportsSizesNamesAndTimestep()
    {
        using var model = MjModel.Load(Data("pendulum.xml"));
        Assert.Equal((1, 1, 1, 1), (model.Nq, model.Nv, model.Nu, model.NsensorData));
        Assert.Equal(0.002, model.Timestep);
        Assert.Equal(0, model.Id(MjObjectType.Joint, "hinge"));
        Assert.Equal("tip", model.NameOf(MjObjectType.Site, 0));
        Assert.Equal([-2.0, 2.0], model.Doubles("jnt_range").ToArray());
        Assert.Equal(2, model.Columns("jnt_range"));
        Assert.StartsWith("2.", MjModel.Version(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidModel_ThrowsWithMuJoCosMessageNamingElementAndLine()
    {
        var error = Assert.Throws<MuJoCoException>(() => MjModel.Load(Data("broken.xml")));
        Assert.Contains("broken.xml", error.Message, StringComparison.Ordinal);
        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
        Assert.Contains("Element 'joint'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysWhichFile()
    {
        var error = Assert.Throws<MuJoCoException>(() => MjModel.Load("/nonexistent/arm.xml"));
        Assert.Contains("/nonexistent/arm.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_UnknownName_ListsTheNamesTheModelHas()
    {
        using var model = MjModel.Load(Data("pendulum.xml"));
        var error = Assert.Throws<MuJoCoException>(() => model.Id(MjObjectType.Joint, "elbow"));
        Assert.Contains("'elbow'", error.Message, StringComparison.Ordinal);
        Assert.Contains("hinge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_PositionActuatorDrivesTheJointTowardItsGoal()
    {
        using var model = MjModel.Load(Data("pendulum.xml"));
        using var data = model.CreateData();
        data.Ctrl[0] = 0.5;
        data.Step(1500);
        Assert.Equal(3.0, data.Time, 9);
        Assert.InRange(data.Qpos[0], 0.3, 0.7);
        // Sensors are computed inside mj_step before integration, so they lag qpos by one step until mj_forward.
        Assert.NotEqual(data.Qpos[0], data.SensorData[0]);
        data.Forward();
        Assert.Equal(data.Qpos[0], data.SensorData[0]);
        Assert.False(data.Diverged);
    }

    [Fact]
    public void Step_IsBitForBitDeterministicFromTheSameState()
    {
        static double[] Run(MjModel model)
        {
            using var data = model.CreateData();
            data.Reset(0);
            for (var i = 0; i < 500; i++)
            {
                data.Ctrl[0] = Math.Sin(i * 0.01);
                data.Step();
            }

            return [data.Qpos[0], data.Qvel[0], data.SiteXpos[0], data.SiteXpos[2]];
        }

        using var model = MjModel.Load(Data("pendulum.xml"));
        Assert.Equal(Run(model), Run(model));
    }

    [Fact]
    public void Reset_Keyframe_SetsItsPose_AndOutOfRangeIsRefused()
    {
        using var model = MjModel.Load(Data("pendulum.xml"));
        using var data = model.CreateData();
        data.Reset(0);
        Assert.Equal(1.0, data.Qpos[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Reset(1));
    }

    [Fact]
    public void Contacts_FoundWhenThePendulumRestsOnTheFloor()
    {
        using var model = MjModel.Load(Data("pendulum.xml"));
        using var data = model.CreateData();
        model.Doubles("body_pos")[3 + 2] = 0.01; // lower the pendulum's pivot to just above the floor
        data.Ctrl[0] = 1.5; // press the rod down into the floor
        data.Step(500);
        Assert.True(data.ContactCount > 0);
        Assert.True(data.InContact(model.Id(MjObjectType.Geom, "rod"), model.Id(MjObjectType.Geom, "floor")));
    }

    [Fact]
    public void ModelFields_AreWritable_ForDomainRandomization()
    {
        using var model = MjModel.Load(Data("pendulum.xml"));
        model.Doubles("actuator_gainprm")[0] = 40;
        model.Timestep = 0.001;
        Assert.Equal(40, model.Doubles("actuator_gainprm")[0]);
        Assert.Equal(0.001, model.Timestep);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Timestep = double.NaN);
        Assert.Throws<MuJoCoException>(() => model.Doubles("no_such_field"));
    }
}
