using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

public class PolyakTests
{
    [Fact]
    public void Update_MovesTargetTauOfTheWayToSource()
    {
        var rng = new Rng(41);
        var source = Mlp.Create(3, [4], 2, rng);
        var target = Mlp.Create(3, [4], 2, rng);
        var before = target.Parameters.Select(p => p.Value.ToArray()).ToArray();
        Polyak.Update(target, source, 0.005f);
        for (var i = 0; i < before.Length; i++)
        {
            for (var j = 0; j < before[i].Length; j++)
            {
                Assert.Equal((0.995 * before[i][j]) + (0.005 * source.Parameters[i].Value[j]), target.Parameters[i].Value[j], 1e-6);
            }
        }
    }

    [Fact]
    public void Copy_And_Clone_GiveEqualButIndependentNetworks()
    {
        var rng = new Rng(42);
        var source = Mlp.Create(3, [4], 2, rng, layerNorm: true);
        var target = Mlp.Create(3, [4], 2, rng, layerNorm: true);
        Polyak.Copy(target, source);
        var clone = source.Clone();
        for (var i = 0; i < source.Parameters.Count; i++)
        {
            Assert.Equal(source.Parameters[i].Value, target.Parameters[i].Value);
            Assert.Equal(source.Parameters[i].Value, clone.Parameters[i].Value);
        }

        clone.Parameters[0].Value[0] += 1;
        Assert.NotEqual(clone.Parameters[0].Value[0], source.Parameters[0].Value[0]);
    }

    [Fact]
    public void Update_ShapeMismatchOrBadTau_Throws()
    {
        var rng = new Rng(43);
        var a = Mlp.Create(3, [4], 2, rng);
        var b = Mlp.Create(3, [5], 2, rng);
        var error = Assert.Throws<ArgumentException>(() => Polyak.Update(a, b, 0.1f));
        Assert.Contains("shape", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Polyak.Update(a, a.Clone(), 1.5f));
    }
}
