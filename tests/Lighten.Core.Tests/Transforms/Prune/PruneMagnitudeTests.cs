using Lighten.Core.Transforms.Prune;
using static Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Prune;

public class PruneMagnitudeTests
{
    /// <summary>x → conv1 → relu → conv2 → relu → conv3 → y, random weights.</summary>
    private static IrGraph Chain()
    {
        var n = new PruneNet(seed: 4);
        var a = n.Op("Relu", n.Conv("conv1", "x", 3, 8, 3, pad: 1));
        var b = n.Op("Relu", n.Conv("conv2", a, 8, 16, 3, pad: 1));
        return n.Build(n.Conv("conv3", b, 16, 4));
    }

    [Fact]
    public void EachMiddleLayerLosesItsSmallestWeightsAndTheEndsStayDense()
    {
        var g = Chain();
        var r = PruneMagnitude.Run(g, new MagnitudePruneOptions { Sparsity = 0.8 });

        Assert.Equal(1, r.Changes);
        Assert.Equal("conv2: 79.9% zeros of 1152 weights", Assert.Single(r.Details));
        var before = g.Initializers["conv2.w"].ToFloatArray();
        var after = r.Graph.Initializers["conv2.w"].ToFloatArray();
        int k = (int)Math.Floor(0.8 * before.Length);
        Assert.Equal(k, after.Count(v => v == 0));
        float threshold = before.Select(Math.Abs).Order().ElementAt(k - 1);
        for (int i = 0; i < before.Length; i++)
            Assert.Equal(Math.Abs(before[i]) <= threshold ? 0f : before[i], after[i]);
        Assert.Equal(g.Initializers["conv1.w"].ToFloatArray(), r.Graph.Initializers["conv1.w"].ToFloatArray());
        Assert.Equal(g.Initializers["conv3.w"].ToFloatArray(), r.Graph.Initializers["conv3.w"].ToFloatArray());
        Assert.Equal(Run(g)["y"].Shape, Run(r.Graph)["y"].Shape);
    }

    [Fact]
    public void GlobalThresholdSpansLayers()
    {
        // Two layers: a = [1, 2, 3, 4], b = [10, 20, 30, 40]: half of all weights globally are a's four.
        var t = Chain();
        var g = t with
        {
            Initializers = t.Initializers
                .SetItem("conv1.w", TensorData.FromFloats([1, 1, 2, 2], [1, -2, 3, -4]))
                .SetItem("conv2.w", TensorData.FromFloats([1, 1, 2, 2], [10, -20, 30, -40])),
        };
        var z = PruneMagnitude.Zero(g, ["conv1.w", "conv2.w"], 0.5, global: true);
        Assert.Equal([0f, 0, 0, 0], z.Initializers["conv1.w"].ToFloatArray());
        Assert.Equal([10f, -20, 30, -40], z.Initializers["conv2.w"].ToFloatArray());
        var perLayer = PruneMagnitude.Zero(g, ["conv1.w", "conv2.w"], 0.5, global: false);
        Assert.Equal([0f, 0, 3, -4], perLayer.Initializers["conv1.w"].ToFloatArray());
        Assert.Equal([0f, 0, 30, -40], perLayer.Initializers["conv2.w"].ToFloatArray());
    }

    [Fact]
    public void ZerosShrinkTheZipButNotTheRawFile()
    {
        var g = ZooGraph();
        var sparse = PruneMagnitude.Run(g, new MagnitudePruneOptions { Sparsity = 0.8 }).Graph;
        var dense = SparsityReport.Measure(g);
        var pruned = SparsityReport.Measure(sparse);
        Assert.Equal(dense.RawBytes, pruned.RawBytes);
        Assert.True(pruned.ZippedBytes < 0.5 * dense.ZippedBytes, $"{pruned.ZippedBytes} vs {dense.ZippedBytes}");
        Assert.Equal(0, pruned.Layers[0].Zeros);
        Assert.Equal(0, pruned.Layers[^1].Zeros);
        Assert.All(pruned.Layers.Skip(1).SkipLast(1), l => Assert.Equal(0.8, l.Sparsity, 2));
        var masks = PruneMagnitude.Masks(sparse, [sparse.FindNode(pruned.Layers[1].Node)!.Inputs[1]]);
        Assert.Equal(pruned.Layers[1].Weights - pruned.Layers[1].Zeros, (long)masks.Values.Single().ToFloatArray().Sum());
    }

    [Fact]
    public void BadOptionsAreRefusedWithTheReason()
    {
        Assert.Contains("[0, 1)", Assert.Throws<OptionException>(() => PruneMagnitude.Run(Chain(), new MagnitudePruneOptions { Sparsity = 1 })).Message);
        Assert.Contains("'nope'", Assert.Throws<PruneException>(() => PruneMagnitude.Run(Chain(), new MagnitudePruneOptions { Exclude = ["nope"] })).Message);
        Assert.Contains("no layer is left", Assert.Throws<PruneException>(() => PruneMagnitude.Run(Chain(), new MagnitudePruneOptions { Exclude = ["conv2"] })).Message);
    }

    private static IrGraph ZooGraph()
    {
        var n = new PruneNet(seed: 6);
        var a = n.Op("Relu", n.Conv("c1", "x", 3, 32, 3, pad: 1));
        var b = n.Op("Relu", n.Conv("c2", a, 32, 64, 3, pad: 1));
        var c = n.Op("Relu", n.Conv("c3", b, 64, 64, 3, pad: 1));
        return n.Build(n.Conv("c4", c, 64, 4));
    }
}
