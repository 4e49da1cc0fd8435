using Robotics.Policies.Chunking;

namespace Robotics.Policies.Tests.Chunking;

public class CandidateSelectorTests
{
    [Theory]
    [InlineData(new[] { 0.1f, 0.5f, 0.5f, 0.2f }, 1)] // tie between 1 and 2: lowest index
    [InlineData(new[] { -3f, -1f, -2f }, 1)]
    [InlineData(new[] { float.NaN, 0.3f, float.NaN, 0.1f }, 1)]
    [InlineData(new[] { 0.2f, float.NaN }, 0)]
    [InlineData(new[] { float.PositiveInfinity, 0.2f }, 1)] // a diverged critic does not win
    [InlineData(new[] { float.NaN, float.NaN }, -1)]
    [InlineData(new[] { float.NegativeInfinity }, -1)]
    [InlineData(new float[0], -1)]
    public void ArgMax_PicksTheLargestFiniteScore_LowestIndexOnTies(float[] scores, int expected) =>
        Assert.Equal(expected, CandidateSelector.ArgMax(scores));

    [Fact]
    public void Select_ScoresAllCandidatesInOneCall_AndReturnsTheBest()
    {
        // Three candidates of H = 2, A = 1; the score is −|a₀ − 0.4| − |a₁ − 0.4| (closest to 0.4 wins).
        float[] candidates = [0f, 0f, 0.5f, 0.3f, 1f, 1f];
        var selector = new CandidateSelector(chunkFloats: 2, maxCandidates: 4);
        var calls = 0;

        var best = selector.Select(candidates, (batch, scores) =>
        {
            calls++;
            for (var n = 0; n < scores.Length; n++)
            {
                scores[n] = -Math.Abs(batch[2 * n] - 0.4f) - Math.Abs(batch[(2 * n) + 1] - 0.4f);
            }
        });

        Assert.Equal(1, calls);
        Assert.Equal(1, best);
        Assert.Equal(3, selector.Scores.Length);
        Assert.Equal(-0.8f, selector.Scores[0], 1e-6f); // −0.4 − 0.4
        Assert.Equal(-0.2f, selector.Scores[1], 1e-6f); // −0.1 − 0.1
        Assert.Equal(-1.2f, selector.Scores[2], 1e-6f); // −0.6 − 0.6
    }

    [Fact]
    public void Select_CandidateTheScorerSkips_NeverWins()
    {
        var selector = new CandidateSelector(chunkFloats: 1, maxCandidates: 3);
        var best = selector.Select([0f, 0f, 0f], (_, scores) => scores[2] = -5f); // 0 and 1 left unscored
        Assert.Equal(2, best);
        Assert.True(float.IsNaN(selector.Scores[0]));
    }

    [Fact]
    public void Select_AllScoresNaN_SelectsNothing()
    {
        var selector = new CandidateSelector(chunkFloats: 1, maxCandidates: 2);
        Assert.Equal(-1, selector.Select([0f, 0f], (_, scores) => scores.Fill(float.NaN)));
    }

    [Theory]
    [InlineData(5)] // not a whole number of 2-float chunks
    [InlineData(0)] // no candidate
    [InlineData(8)] // 4 candidates, maximum 3
    public void Select_BadCandidateLength_Throws(int length)
    {
        var selector = new CandidateSelector(chunkFloats: 2, maxCandidates: 3);
        Assert.Throws<ArgumentException>(() => selector.Select(new float[length], (_, _) => { }));
    }
}
