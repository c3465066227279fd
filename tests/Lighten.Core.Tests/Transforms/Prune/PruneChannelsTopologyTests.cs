using Lighten.Core.Transforms.Prune;
using static Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Prune;

/// <summary>
/// One small graph per coupling topology, each with dead channels (zero weights) on every prunable producer: pruning
/// at ratio 0.5 must remove exactly those, so the pruned graph validates, runs in ONNX Runtime with the same output
/// shape, and gives the same outputs.
/// </summary>
public class PruneChannelsTopologyTests
{
    private static readonly ChannelPruneOptions Half = new() { Ratio = 0.5 };

    private static IrGraph Residual()
    {
        var n = new PruneNet();
        var a = n.Op("Relu", n.BatchNorm("bn1", n.Conv("conv1", "x", 3, 8, 3, pad: 1, dead: PruneNet.Odd(8)), 8, PruneNet.Odd(8)));
        var b = n.BatchNorm("bn2", n.Conv("conv2", a, 8, 8, 3, pad: 1, dead: PruneNet.Odd(8)), 8, PruneNet.Odd(8));
        var sum = n.Op("Relu", n.Op("Add", b, a));
        return n.Build(n.Conv("head", sum, 8, 4));
    }

    private static IrGraph Concat()
    {
        var n = new PruneNet();
        var a = n.Op("Relu", n.Conv("a", "x", 3, 6, dead: PruneNet.Odd(6)));
        var b = n.Op("Relu", n.Conv("b", "x", 3, 4, 3, pad: 1, dead: PruneNet.Odd(4)));
        var joined = n.Op("Concat", [a, b], ("axis", new IntAttribute(1)));
        return n.Build(n.Conv("head", joined, 10, 5));
    }

    private static IrGraph Depthwise()
    {
        var n = new PruneNet();
        var a = n.Op("Relu", n.Conv("expand", "x", 3, 8, dead: PruneNet.Odd(8)));
        var d = n.Op("Clip", [n.Conv("dw", a, 8, 8, 3, group: 8, pad: 1, dead: PruneNet.Odd(8))]);
        return n.Build(n.Conv("project", d, 8, 4));
    }

    private static IrGraph Grouped()
    {
        var n = new PruneNet();
        var a = n.Op("Relu", n.Conv("conv1", "x", 3, 8, dead: PruneNet.Odd(8)));
        var g = n.Op("Relu", n.Conv("grouped", a, 8, 8, 3, group: 2, pad: 1, dead: PruneNet.Odd(8)));
        return n.Build(n.Conv("head", g, 8, 4));
    }

    private static IrGraph Transposed()
    {
        var n = new PruneNet();
        var a = n.Op("Relu", n.Conv("conv1", "x", 3, 8, dead: PruneNet.Odd(8)));
        var up = n.Op("Relu", n.ConvTranspose("deconv", a, 8, 6, 4, 2, dead: PruneNet.Odd(6)));
        return n.Build(n.Conv("head", up, 6, 4));
    }

    private static IrGraph GemmAfterFlatten()
    {
        var n = new PruneNet();
        var a = n.Op("Relu", n.Conv("conv1", "x", 3, 8, 3, pad: 1, stride: 2, dead: PruneNet.Odd(8)));
        var pooled = n.Op("MaxPool", [a], ("kernel_shape", new IntsAttribute([2, 2])), ("strides", new IntsAttribute([2, 2])));
        var flat = n.Op("Flatten", [pooled], ("axis", new IntAttribute(1)));
        var hidden = n.Op("Relu", n.Gemm("fc1", flat, 32, 10, dead: PruneNet.Odd(10)));
        return n.Build(n.Gemm("fc2", hidden, 10, 5));
    }

    public static TheoryData<string> Topologies => ["residual", "concat", "depthwise", "grouped", "convtranspose", "gemm-after-flatten"];

    private static IrGraph Build(string topology) => topology switch
    {
        "residual" => Residual(),
        "concat" => Concat(),
        "depthwise" => Depthwise(),
        "grouped" => Grouped(),
        "convtranspose" => Transposed(),
        _ => GemmAfterFlatten(),
    };

    [Theory]
    [MemberData(nameof(Topologies))]
    public void PrunedGraphRunsWithTheSameOutputs(string topology)
    {
        var g = Build(topology);
        var r = PruneChannels.Run(g, Half);

        Assert.True(r.Changes > 0, topology);
        GraphValidator.Validate(r.Graph);
        var before = Run(g);
        var after = Run(r.Graph);
        Assert.Equal(before["y"].Shape, after["y"].Shape);
        Assert.True(MaxDiff(g, r.Graph) < 1e-5, $"{topology}: {string.Join("; ", r.Details)}");
        Assert.True(Weights(r.Graph) < Weights(g));
    }

    [Fact]
    public void ResidualBranchesLoseTheSameChannels()
    {
        var r = PruneChannels.Run(Residual(), Half);
        Assert.Equal([4L, 3, 3, 3], Dims(r.Graph, "conv1.w"));
        Assert.Equal([4L, 4, 3, 3], Dims(r.Graph, "conv2.w"));
        Assert.Equal([4L, 4, 1, 1], Dims(r.Graph, "head.w"));
        Assert.Equal([4L], Dims(r.Graph, "bn2.var"));
        Assert.Contains("bn1+conv1+conv2: 8 -> 4 channels".Replace("bn1+", ""), r.Details);
    }

    [Fact]
    public void ConcatMapsRangesByOffset()
    {
        var r = PruneChannels.Run(Concat(), Half);
        Assert.Equal([3L, 3, 1, 1], Dims(r.Graph, "a.w"));
        Assert.Equal([2L, 3, 3, 3], Dims(r.Graph, "b.w"));
        var head = r.Graph.Initializers["head.w"].ToFloatArray();
        var original = Concat().Initializers["head.w"].ToFloatArray();
        // Kept input channels of the head: a's 0, 2, 4 then b's 0, 2 (offsets 6 and 8).
        int[] kept = [0, 2, 4, 6, 8];
        for (int o = 0; o < 5; o++)
            for (int i = 0; i < kept.Length; i++) Assert.Equal(original[o * 10 + kept[i]], head[o * 5 + i]);
    }

    [Fact]
    public void DepthwiseLosesWholeGroups()
    {
        var r = PruneChannels.Run(Depthwise(), Half);
        Assert.Equal([4L, 1, 3, 3], Dims(r.Graph, "dw.w"));
        Assert.Equal(4, r.Graph.FindNode("dw")!.GetInt("group", 1));
        Assert.Equal([4L, 4, 1, 1], Dims(r.Graph, "project.w"));
    }

    [Fact]
    public void GroupedKeepsTheSameChannelsInEveryGroup()
    {
        var r = PruneChannels.Run(Grouped(), Half);
        Assert.Equal([4L, 3, 1, 1], Dims(r.Graph, "conv1.w"));
        Assert.Equal([4L, 2, 3, 3], Dims(r.Graph, "grouped.w"));
        Assert.Equal(2, r.Graph.FindNode("grouped")!.GetInt("group", 1));
    }

    [Fact]
    public void ConvTransposeSlicesBothWeightAxes()
    {
        var r = PruneChannels.Run(Transposed(), Half);
        Assert.Equal([4L, 3, 4, 4], Dims(r.Graph, "deconv.w"));
        Assert.Equal([4L, 3, 1, 1], Dims(r.Graph, "head.w"));
    }

    [Fact]
    public void GemmAfterFlattenLosesEachChannelsFeatures()
    {
        var r = PruneChannels.Run(GemmAfterFlatten(), Half);
        Assert.Equal([10L - 5, 4 * 2 * 2], Dims(r.Graph, "fc1.w"));
        Assert.Equal([5L, 5], Dims(r.Graph, "fc2.w"));
    }

    [Fact]
    public void ChannelShuffleIsRefusedWithTheReasonAndTheRestIsPruned()
    {
        var n = new PruneNet();
        var a = n.Op("Relu", n.Conv("conv0", "x", 3, 6, dead: PruneNet.Odd(6)));
        var b = n.Conv("conv1", a, 6, 8);
        var shape5 = n.Constant("shape5", TensorData.FromInt64s([5], [1, 2, 4, 8, 8]));
        var shape4 = n.Constant("shape4", TensorData.FromInt64s([4], [1, 8, 8, 8]));
        var grouped = n.Op("Reshape", b, shape5);
        var swapped = n.Op("Transpose", [grouped], ("perm", new IntsAttribute([0, 2, 1, 3, 4])));
        var shuffled = n.Op("Reshape", swapped, shape4);
        var g = n.Build(n.Conv("head", shuffled, 8, 4));

        var r = PruneChannels.Run(g, Half);

        Assert.Contains(r.Details, d => d.Contains("kept 8 channel group(s): Reshape 'reshape", StringComparison.Ordinal)
            && d.Contains("channel shuffle", StringComparison.Ordinal));
        Assert.Equal([8L, 3, 1, 1], Dims(r.Graph, "conv1.w"));
        Assert.Equal([3L, 3, 1, 1], Dims(r.Graph, "conv0.w"));
        Assert.Equal(Run(g)["y"].Shape, Run(r.Graph)["y"].Shape);
        Assert.True(MaxDiff(g, r.Graph) < 1e-5);
    }

    private static long[] Dims(IrGraph g, string initializer)
    {
        var node = g.Nodes.First(n => n.Inputs.Any(i => i == initializer || i.StartsWith(initializer + "_pruned", StringComparison.Ordinal)));
        return [.. g.Initializers[node.Inputs.First(i => i.StartsWith(initializer, StringComparison.Ordinal))].Dims];
    }

    private static long Weights(IrGraph g) => g.Initializers.Values.Sum(t => t.ElementCount);
}
