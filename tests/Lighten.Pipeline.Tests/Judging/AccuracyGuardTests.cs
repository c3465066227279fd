using Lighten.Pipeline.Judging;

namespace Lighten.Pipeline.Tests.Judging;

public class AccuracyGuardTests
{
    [Theory]
    [InlineData(0.1021, 0.12, true)]
    [InlineData(0.12, 0.12, true)]
    [InlineData(0.1433, 0.12, false)]
    public void At_most_holds_up_to_and_at_its_bound(double score, double bound, bool met) =>
        Assert.Equal(met, new AccuracyGuard("guesser", "how", score, GuardRule.AtMost, bound).Met(baseline: null));

    [Theory]
    [InlineData(0.0099, true)]
    [InlineData(0.05, false)]
    [InlineData(0.0601, false)]
    public void Below_is_strict(double score, bool met) =>
        Assert.Equal(met, new AccuracyGuard("untrained", "how", score, GuardRule.Below, 0.05).Met(baseline: null));

    [Theory]
    [InlineData(0.40, 0.52, true)]    // 12 points below
    [InlineData(0.47, 0.52, true)]    // exactly 5 points below
    [InlineData(0.50, 0.52, false)]   // 2 points below
    [InlineData(0.60, 0.52, false)]   // above the baseline
    public void Below_the_baseline_by_compares_the_difference(double score, double baseline, bool met) =>
        Assert.Equal(met, new AccuracyGuard("tiny", "how", score, GuardRule.BelowBaselineBy, 0.05).Met(baseline));

    [Fact]
    public void Below_the_baseline_fails_without_a_baseline_figure()
    {
        var guard = new AccuracyGuard("tiny", "how", 0.1, GuardRule.BelowBaselineBy, 0.05);
        Assert.False(guard.Met(null));
        Assert.Equal("tiny 10 % at least 5 points below the baseline's (not measured): FAILS (how)", guard.Describe(null));
    }

    [Fact]
    public void Describe_states_score_rule_and_verdict_in_percent()
    {
        Assert.Equal("mean-pose guesser 10.21 % ≤ 12 %: holds (no image read)",
            new AccuracyGuard("mean-pose guesser", "no image read", 0.1021, GuardRule.AtMost, 0.12).Describe(null));
        Assert.Equal("tiny 50 % at least 5 points below the baseline's 52 %: FAILS (same budget)",
            new AccuracyGuard("tiny", "same budget", 0.50, GuardRule.BelowBaselineBy, 0.05).Describe(0.52));
    }
}
