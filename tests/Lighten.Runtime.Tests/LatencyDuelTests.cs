namespace Lighten.Runtime.Tests;

/// <summary>The side-by-side verdict on hand-made rounds, and the interleaved timing's bookkeeping on a real model.</summary>
public class LatencyDuelTests
{
    [Theory]
    [InlineData(new[] { 0.60, 0.62, 0.58, 0.61 }, DuelVerdict.Faster)]
    [InlineData(new[] { 0.90, 0.96, 0.92 }, DuelVerdict.WithinNoise)] // one round only 4 % faster: not beyond the spread
    [InlineData(new[] { 0.80, 1.10, 0.85 }, DuelVerdict.WithinNoise)] // a loaded round flips the sign
    [InlineData(new[] { 1.00, 1.01, 0.99 }, DuelVerdict.WithinNoise)]
    [InlineData(new[] { 1.20, 1.06, 1.30 }, DuelVerdict.Slower)]
    [InlineData(new[] { 1.20, 1.04, 1.30 }, DuelVerdict.WithinNoise)]
    public void A_verdict_needs_every_round_past_the_threshold(double[] ratios, DuelVerdict expected)
    {
        var duel = new LatencyDuel(ratios, 10, 10 * ratios.Order().ElementAt(ratios.Length / 2));
        Assert.Equal(expected, duel.Verdict(0.05));
        Assert.Equal(ratios.Min(), duel.Low);
        Assert.Equal(ratios.Max(), duel.High);
    }

    [Fact]
    public void Run_times_both_models_in_every_round()
    {
        var model = TestFiles.Data("tiny_pose_resnet_64.onnx");
        var duel = LatencyDuel.Run(model, model, new SessionOptionsSpec { IntraOpThreads = 1 }, rounds: 3, runsPerRound: 2);
        Assert.Equal(3, duel.Ratios.Count);
        Assert.All(duel.Ratios, r => Assert.True(r > 0 && double.IsFinite(r)));
        Assert.True(duel.MedianAMs > 0 && duel.MedianBMs > 0);
        Assert.StartsWith("side by side ", duel.ToString());
    }
}
