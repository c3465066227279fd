using Lighten.Core.Transforms.Prune;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Prune;

public class PruneChannelsOptionsTests
{
    /// <summary>x → conv1 (8) → bn1 → relu → conv2 (8) → bn2 → relu → head (4) → y with hand-set importances.</summary>
    private static IrGraph Net(float[]? conv1Rows = null, float[]? bn1Scale = null)
    {
        var n = new PruneNet(seed: 2);
        var a = n.Op("Relu", n.BatchNorm("bn1", n.Conv("conv1", "x", 3, 8), 8));
        var b = n.Op("Relu", n.BatchNorm("bn2", n.Conv("conv2", a, 8, 8), 8));
        var g = n.Build(n.Conv("head", b, 8, 4));
        var inits = g.Initializers;
        if (conv1Rows is not null)
            inits = inits.SetItem("conv1.w", TensorData.FromFloats([8, 3, 1, 1], [.. conv1Rows.SelectMany(v => new[] { v, -v, v })]));
        if (bn1Scale is not null) inits = inits.SetItem("bn1.scale", TensorData.FromFloats([8], bn1Scale));
        return g with { Initializers = inits };
    }

    private static float[] Kept(IrGraph g, string name) => g.Initializers[name].ToFloatArray();

    [Fact]
    public void L1AndL2KeepTheLargestChannels()
    {
        float[] rows = [5, 0.1f, 4, 0.2f, 3, 0.3f, 2, 0.4f];
        foreach (var criterion in new[] { PruneCriterion.L1, PruneCriterion.L2 })
        {
            var r = PruneChannels.Run(Net(rows), new ChannelPruneOptions { Ratio = 0.5, Criterion = criterion });
            Assert.Equal([5f, 4, 3, 2], Kept(r.Graph, "conv1.w").Where((_, i) => i % 3 == 0));
        }
    }

    [Fact]
    public void BatchNormScaleRanksLikeNetworkSlimming()
    {
        float[] rows = [5, 0.1f, 4, 0.2f, 3, 0.3f, 2, 0.4f];
        float[] scale = [0.01f, 1, 0.02f, 1, 0.03f, 1, 0.04f, 1];
        var r = PruneChannels.Run(Net(rows, scale), new ChannelPruneOptions { Ratio = 0.5, Criterion = PruneCriterion.BatchNorm });
        Assert.Equal([1f, 1, 1, 1], Kept(r.Graph, "bn1.scale"));
        Assert.Equal([0.1f, 0.2f, 0.3f, 0.4f], Kept(r.Graph, "conv1.w").Where((_, i) => i % 3 == 0));
    }

    [Fact]
    public void ExcludedNodesKeepTheirChannels()
    {
        var r = PruneChannels.Run(Net(), new ChannelPruneOptions { Ratio = 0.5, Exclude = ["conv1"] });
        Assert.Equal(8, r.Graph.Initializers["conv1.w"].Dims[0]);
        Assert.Equal(4, r.Graph.Initializers["conv2.w"].Dims[0]);
        Assert.Contains("kept 8 channel group(s): node 'conv1' is excluded", r.Details);
    }

    [Fact]
    public void GlobalRatioRemovesTheSameTotalAcrossSpaces()
    {
        var r = PruneChannels.Run(Net(), new ChannelPruneOptions { Ratio = 0.5, Global = true });
        Assert.Equal(8, r.Changes);
        Assert.Equal(8, r.Graph.Initializers["conv1.w"].Dims[0] + r.Graph.Initializers["conv2.w"].Dims[0]);
        GraphValidator.Validate(r.Graph);
    }

    [Fact]
    public void RatioZeroChangesNothingAndBadOptionsAreRefused()
    {
        var g = Net();
        Assert.Equal(0, PruneChannels.Run(g, new ChannelPruneOptions { Ratio = 0 }).Changes);
        Assert.Contains("[0, 1)", Assert.Throws<OptionException>(() => PruneChannels.Run(g, new ChannelPruneOptions { Ratio = 1 })).Message);
        Assert.Contains("'ghost'", Assert.Throws<PruneException>(() => PruneChannels.Run(g, new ChannelPruneOptions { Exclude = ["ghost"] })).Message);
    }

    [Fact]
    public void EverySpaceKeepsAtLeastOneChannel()
    {
        var r = PruneChannels.Run(Net(), new ChannelPruneOptions { Ratio = 0.99 });
        Assert.Equal(1, r.Graph.Initializers["conv1.w"].Dims[0]);
        Assert.Equal(1, r.Graph.Initializers["conv2.w"].Dims[0]);
        Assert.Equal([1L, 4, 8, 8], Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs.Run(r.Graph)["y"].Shape);
    }
}
