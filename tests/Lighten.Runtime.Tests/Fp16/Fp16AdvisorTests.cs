using Lighten.Core;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Fp16;
using Lighten.Runtime.Fp16;
using Lighten.Runtime.Tests.Calibration;

namespace Lighten.Runtime.Tests.Fp16;

public class Fp16AdvisorTests
{
    [Fact]
    public void Host_decision_follows_the_side_by_side_rounds()
    {
        var fp32 = SmallNets.ConvStack(2);
        var fp16 = ConvertToFp16.Run(fp32).Graph;
        var decision = Fp16Advisor.MeasureOnHost(fp32, fp16, rounds: 2, runsPerRound: 3);
        Assert.NotNull(decision.Fp32Ms);
        Assert.NotNull(decision.Fp16Ms);
        Assert.Contains("on this host", decision.Reason);
        Assert.Contains("side by side", decision.Reason);
        Assert.Equal(decision.Reason.StartsWith("FP16 is not faster", StringComparison.Ordinal), !decision.Convert);
    }

    [Fact]
    public void A_profile_decides_from_its_fp16_support_and_latency_estimate()
    {
        var graph = SmallNets.ConvStack(2, deconv: true);
        var skip = Fp16Advisor.FromTarget(TargetCatalog.Get("rpi4"), graph);
        Assert.False(skip.Convert);
        Assert.Equal("target 'rpi4' runs no FP16", skip.Reason);
        Assert.Null(skip.Fp32Ms);

        var nano = TargetCatalog.Get("jetson-nano");
        var convert = Fp16Advisor.FromTarget(nano, graph);
        Assert.True(convert.Convert, convert.Reason);
        Assert.True(convert.Estimated);
        Assert.Equal(LatencyEstimator.Estimate(graph, nano, Precision.Fp32)!.TotalMs, convert.Fp32Ms!.Value, 9);
        Assert.True(convert.Fp16Ms < convert.Fp32Ms);
        Assert.Contains("estimated", convert.Reason);

        // FP16 at the FP32 rate with no memory gain to speak of is not faster: skipped with both estimates.
        var slowHalf = nano with { PeakGops = nano.PeakGops.SetItem(Precision.Fp16, nano.PeakGops[Precision.Fp32] / 4) };
        var no = Fp16Advisor.FromTarget(slowHalf, graph);
        Assert.False(no.Convert);
        Assert.StartsWith("FP16 is not estimated faster on target 'jetson-nano'", no.Reason);
        Assert.Throws<OptionException>(() => Fp16Advisor.MeasureOnHost(graph, graph, rounds: 0));
    }
}
