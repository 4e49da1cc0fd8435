using Robotics.Policies.Chunking;

namespace Robotics.Policies.Tests.Chunking;

public class CandidateGeneratorTests
{
    private static readonly float[] Base = [0.2f, -0.5f, 0.9f];

    [Fact]
    public void Generate_CandidateZeroIsTheBase_OthersAreNoisy()
    {
        var candidates = new float[4 * 3];
        new CandidateGenerator(seed: 1, noiseStd: 0.05).Generate(Base, candidates);

        Assert.Equal(Base, candidates[..3]);
        for (var i = 3; i < candidates.Length; i++)
        {
            Assert.NotEqual(Base[i % 3], candidates[i]);
            Assert.InRange(candidates[i], Base[i % 3] - 0.5f, Base[i % 3] + 0.5f); // 10 σ
        }
    }

    [Fact]
    public void Generate_SameSeed_SameCandidates_OtherSeed_Others()
    {
        var a = new float[5 * 3];
        var b = new float[5 * 3];
        var c = new float[5 * 3];
        new CandidateGenerator(seed: 42, noiseStd: 0.1).Generate(Base, a);
        new CandidateGenerator(seed: 42, noiseStd: 0.1).Generate(Base, b);
        new CandidateGenerator(seed: 43, noiseStd: 0.1).Generate(Base, c);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Generate_LargeNoise_IsClippedToTheNormalizedRange()
    {
        var candidates = new float[200 * 3];
        new CandidateGenerator(seed: 7, noiseStd: 10).Generate(Base, candidates);

        Assert.All(candidates, v => Assert.InRange(v, -1f, 1f));
        Assert.Contains(1f, candidates);
        Assert.Contains(-1f, candidates);
    }

    [Fact]
    public void Generate_BaseOutsideTheRange_IsClippedToo()
    {
        var candidates = new float[2];
        new CandidateGenerator(seed: 0, noiseStd: 0).Generate([1.5f], candidates);
        Assert.Equal([1f, 1f], candidates);
    }

    [Fact]
    public void Generate_NoiseHasMeanZeroAndStdSigma()
    {
        // 20 000 draws around 0 with σ = 0.05 (no clipping at 20 σ): the standard error of the mean is
        // 0.05 / √20000 = 3.5e-4 and of the std about 0.05 / √40000 = 2.5e-4; 4 standard errors each.
        const int n = 20_000;
        var candidates = new float[(n + 1) * 1];
        new CandidateGenerator(seed: 3, noiseStd: 0.05).Generate([0f], candidates);

        var noise = candidates.AsSpan(1);
        double sum = 0, sumSquares = 0;
        foreach (var v in noise)
        {
            sum += v;
            sumSquares += (double)v * v;
        }

        var mean = sum / n;
        var std = Math.Sqrt((sumSquares / n) - (mean * mean));
        Assert.InRange(mean, -1.4e-3, 1.4e-3);
        Assert.InRange(std, 0.05 - 1e-3, 0.05 + 1e-3);
    }

    [Fact]
    public void Generate_BaseNotFinite_ThrowsNamingTheIndex()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CandidateGenerator(seed: 0, noiseStd: 0.1).Generate([0f, float.NaN], new float[4]));
        Assert.Contains("baseChunk[1]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_BadSigma_Throws(double sigma) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CandidateGenerator(seed: 0, noiseStd: sigma));
}
