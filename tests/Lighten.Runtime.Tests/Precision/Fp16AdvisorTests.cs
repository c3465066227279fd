using Lighten.Core;
using Lighten.Core.Transforms.Precision;
using Lighten.Runtime.Precision;
using Lighten.Runtime.Tests.Calibration;

namespace Lighten.Runtime.Tests.Precision;

public class Fp16AdvisorTests
{
    [Fact]
    public void Host_decision_follows_the_measured_medians()
    {
        var fp32 = SmallNets.ConvStack(2);
        var fp16 = ConvertToFp16.Run(fp32).Graph;
        var decision = Fp16Advisor.MeasureOnHost(fp32, fp16, rounds: 2, runsPerRound: 3);
        Assert.NotNull(decision.Fp32Ms);
        Assert.NotNull(decision.Fp16Ms);
        Assert.Equal(decision.Fp16Ms!.Value * Fp16Advisor.MinSpeedup <= decision.Fp32Ms!.Value, decision.Convert);
        Assert.Contains("on this host", decision.Reason);
    }

    [Fact]
    public void A_target_without_fp16_convolutions_skips_with_the_reason()
    {
        var graph = SmallNets.ConvStack(1, deconv: true);
        var skip = Fp16Advisor.FromTarget("board", graph, n => n.OpType != "ConvTranspose");
        Assert.False(skip.Convert);
        Assert.Equal("target 'board' has no FP16 ConvTranspose", skip.Reason);
        Assert.True(Fp16Advisor.FromTarget("gpu", graph, _ => true).Convert);
        Assert.Throws<OptionException>(() => Fp16Advisor.MeasureOnHost(graph, graph, rounds: 0));
    }
}
