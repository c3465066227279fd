using Lighten.Pipeline.Config;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>Keep-only-if-it-helps and the requirement arithmetic, on hand-made figures.</summary>
public class StepJudgeTests
{
    private static StageFigures Figures(double accuracy, double ms, long size = 100_000_000, long memory = 10_000_000) =>
        new(accuracy, "PCKh@0.5", 100, ms * 1.1, ms * 1.3, ms, size, 1_000_000_000, 25_000_000, memory, null, "fp32");

    private static readonly Requirements Reference = new() { MaxAccuracyDrop = 5, MaxLatencyRatio = 1.0 / 3 };

    [Fact]
    public void A_faster_step_within_the_accuracy_budget_is_kept()
    {
        var (decision, reason) = StepJudge.Decide(Reference, Figures(80, 90), Figures(80, 90), Figures(78, 45));
        Assert.Equal(StageDecision.Kept, decision);
        Assert.Contains("host fastest-run latency 90 → 45 ms (−50%)", reason);
    }

    [Fact]
    public void A_step_that_breaks_the_accuracy_requirement_is_rejected_even_when_faster()
    {
        var (decision, reason) = StepJudge.Decide(Reference, Figures(80, 90), Figures(79, 60), Figures(74.5, 20));
        Assert.Equal(StageDecision.Rejected, decision);
        Assert.Contains("accuracy drop 5.5 points ≤ 5 points: fails by 0.5 points", reason);
    }

    [Fact]
    public void A_step_within_noise_is_rejected_as_not_helping()
    {
        var (decision, reason) = StepJudge.Decide(Reference, Figures(80, 90), Figures(80, 50), Figures(80, 48.5));
        Assert.Equal(StageDecision.Rejected, decision);
        Assert.StartsWith("does not help", reason);
    }

    [Fact]
    public void Requirements_report_what_failed_and_by_how_much()
    {
        var results = RequirementCheck.Judge(Reference with { MaxSizeMB = 50 }, Figures(80, 90), Figures(77, 40, size: 60_000_000));
        Assert.True(results.Single(r => r.Name == "accuracy drop").Met);
        var latency = results.Single(r => r.Name.StartsWith("latency", StringComparison.Ordinal));
        Assert.False(latency.Met);
        Assert.Equal(44 - 99 / 3.0, latency.Shortfall, 9); // medians: 44 ms against a third of the baseline's 99 ms
        Assert.Equal("size 60 MB ≤ 50 MB: fails by 10 MB (20%)", results.Single(r => r.Name == "size").Describe());
        Assert.False(RequirementCheck.AllMet(results));
    }
}
