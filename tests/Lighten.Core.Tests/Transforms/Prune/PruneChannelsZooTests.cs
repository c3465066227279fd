using Lighten.Core.Analysis;
using Lighten.Core.Transforms.Prune;
using Lighten.Core.Zoo;
using static Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs;

namespace Lighten.Core.Tests.Transforms.Prune;

/// <summary>Whole zoo networks (residual stages, inverted residuals, squeeze-excitation, channel shuffle, deconvolution heads) pruned at ratio 0.5.</summary>
public class PruneChannelsZooTests
{
    [Theory]
    [InlineData("resnet18", 0.5)]
    [InlineData("mobilenet_v2", 0.5)]
    [InlineData("mobilenet_v3_small", 0.5)]
    [InlineData("pose_resnet18", 0.5)]
    [InlineData("shufflenet_v2_x0_5", 0.0)]
    public void PrunedZooModelRunsWithTheSameOutputShape(string name, double minMacSaving)
    {
        var g = ModelZoo.Build(name, new ZooOptions { InputHeight = 64, InputWidth = 64, Classes = 10 });
        var r = PruneChannels.Run(g, new ChannelPruneOptions { Ratio = 0.5 });

        Assert.True(r.Changes > 0);
        GraphValidator.Validate(r.Graph);
        Assert.Equal(Run(g).Single().Value.Shape, Run(r.Graph).Single().Value.Shape);
        double saving = 1 - (double)Profiler.Run(r.Graph).Totals.Macs / Profiler.Run(g).Totals.Macs;
        Assert.True(saving >= minMacSaving && saving > 0, $"{name}: {saving:P1} fewer MACs");
        if (name.StartsWith("shufflenet", StringComparison.Ordinal))
            Assert.Contains(r.Details, d => d.Contains("channel shuffle", StringComparison.Ordinal));
    }
}
