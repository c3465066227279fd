using IrGraph = Lighten.Core.Graph;
using Lighten.Core.Tests.Ops;
using Lighten.Core.Transforms.Cleanup;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Transforms.Cleanup;

public class FoldBatchNormTests
{
    /// <summary>scale [2, 0.5], B [1, 0], mean [1, 2], var [3, 0] with epsilon 1: per-channel factor [1, 0.5].</summary>
    private static TestGraph WithStats(TestGraph t) => t
        .Constant("scale", TensorData.FromFloats([2], [2, 0.5f]))
        .Constant("beta", TensorData.FromFloats([2], [1, 0]))
        .Constant("mean", TensorData.FromFloats([2], [1, 2]))
        .Constant("var", TensorData.FromFloats([2], [3, 0]));

    private static readonly (string, AttributeValue) Eps = Float("epsilon", 1);

    private static float[] Init(IrGraph g, Node node, int input) => g.Initializers[node.Inputs[input]].ToFloatArray();

    [Fact]
    public void ConvWeightsAreScaledPerOutputChannelAndBiasAbsorbsTheShift()
    {
        var g = WithStats(new TestGraph().Input("x", 1, 2, 3, 3)
                .Constant("w", TensorData.FromFloats([2, 2, 1, 1], [1, 2, 3, 4]))
                .Constant("b", TensorData.FromFloats([2], [0.5f, -1])))
            .Node("Conv", ["x", "w", "b"], ["c"])
            .Node("BatchNormalization", ["c", "scale", "beta", "mean", "var"], ["y"], Eps)
            .ToGraph();

        var r = FoldBatchNorm.Run(g);

        Assert.Equal(1, r.Changes);
        Assert.Equal("folded BatchNormalization 'batchnormalization_1' into Conv 'conv_0'", Assert.Single(r.Details));
        var conv = Assert.Single(r.Graph.Nodes);
        Assert.Equal(["y"], conv.Outputs.ToArray());
        Assert.Equal([1f, 2, 1.5f, 2], Init(r.Graph, conv, 1));
        // b' = (b - mean) * factor + beta = ((0.5 - 1) * 1 + 1, (-1 - 2) * 0.5 + 0)
        Assert.Equal([0.5f, -1.5f], Init(r.Graph, conv, 2));
        Assert.DoesNotContain("w", r.Graph.Initializers.Keys);
    }

    /// <summary>x → op(x, w = [1, 2, 3, ...]) → BatchNormalization → y, folded: the graph and its single node.</summary>
    private static (IrGraph Graph, Node Conv) FoldOne(string op, long inChannels, long[] weightDims, long group)
    {
        var w = Enumerable.Range(1, (int)weightDims.Aggregate(1L, (a, d) => a * d)).Select(v => (float)v).ToArray();
        var g = WithStats(new TestGraph().Input("x", 1, inChannels, 3, 3).Constant("w", TensorData.FromFloats(weightDims, w)))
            .Node(op, ["x", "w"], ["c"], Int("group", group))
            .Node("BatchNormalization", ["c", "scale", "beta", "mean", "var"], ["y"], Eps)
            .ToGraph();
        var folded = FoldBatchNorm.Run(g).Graph;
        return (folded, Assert.Single(folded.Nodes));
    }

    [Fact]
    public void ConvWithoutBiasGetsOne()
    {
        var (g, conv) = FoldOne("Conv", 2, [2, 1, 1, 1], group: 2);
        Assert.Equal(3, conv.Inputs.Length);
        Assert.Equal([1f, 1], Init(g, conv, 1));
        Assert.Equal([0f, -1], Init(g, conv, 2));
    }

    [Theory]
    // Conv weight [Cout=2, Cin=2, 1, 1]: element [co, ci] belongs to output channel co.
    [InlineData("Conv", 2, new long[] { 2, 2, 1, 1 }, 1, new[] { 1f, 2, 1.5f, 2 })]
    // ConvTranspose weight [Cin=2, Cout=2, 1, 1]: element [ci, co] belongs to output channel co.
    [InlineData("ConvTranspose", 2, new long[] { 2, 2, 1, 1 }, 1, new[] { 1f, 1, 3, 2 })]
    // ConvTranspose weight [Cin=4, Cout/group=1, 1, 1], group 2: ci 0,1 feed channel 0; ci 2,3 feed channel 1.
    [InlineData("ConvTranspose", 4, new long[] { 4, 1, 1, 1 }, 2, new[] { 1f, 2, 1.5f, 2 })]
    public void WeightsAreScaledPerOutputChannel(string op, long inChannels, long[] weightDims, long group, float[] expected)
    {
        var (g, conv) = FoldOne(op, inChannels, weightDims, group);
        Assert.Equal(expected, Init(g, conv, 1));
    }

    [Fact]
    public void SharedWeightsAreCopiedNotChanged()
    {
        var g = WithStats(new TestGraph().Input("x", 1, 2, 3, 3)
                .Constant("w", TensorData.FromFloats([2, 2, 1, 1], [1, 2, 3, 4])))
            .Node("Conv", ["x", "w"], ["c"])
            .Node("BatchNormalization", ["c", "scale", "beta", "mean", "var"], ["y"], Eps)
            .Node("Conv", ["x", "w"], ["z"])
            .ToGraph("y", "z");

        var r = FoldBatchNorm.Run(g);
        Assert.Equal(1, r.Changes);
        Assert.Equal([1f, 2, 3, 4], r.Graph.Initializers["w"].ToFloatArray());
        var folded = r.Graph.Nodes.Single(n => n.Outputs[0] == "y");
        Assert.NotEqual("w", folded.Inputs[1]);
        Assert.Equal([1f, 2, 1.5f, 2], Init(r.Graph, folded, 1));
        Assert.Equal("w", r.Graph.Nodes.Single(n => n.Outputs[0] == "z").Inputs[1]);
    }

    [Fact]
    public void ConvOutputWithAnotherReaderIsNotFolded()
    {
        var g = WithStats(new TestGraph().Input("x", 1, 2, 3, 3).Weight("w", 2, 2, 1, 1))
            .Node("Conv", ["x", "w"], ["c"])
            .Node("BatchNormalization", ["c", "scale", "beta", "mean", "var"], ["y"], Eps)
            .Node("Relu", ["c"], ["z"])
            .ToGraph("y", "z");

        var r = FoldBatchNorm.Run(g);
        Assert.Equal(0, r.Changes);
        Assert.Same(g, r.Graph);
    }

    [Fact]
    public void ConvOutputThatIsAGraphOutputOrWeightsThatAreNotConstantAreNotFolded()
    {
        var t = WithStats(new TestGraph().Input("x", 1, 2, 3, 3).Weight("w", 2, 2, 1, 1))
            .Node("Conv", ["x", "w"], ["c"])
            .Node("BatchNormalization", ["c", "scale", "beta", "mean", "var"], ["y"], Eps);
        Assert.Equal(0, FoldBatchNorm.Run(t.ToGraph("y", "c")).Changes);

        var dynamic = WithStats(new TestGraph().Input("x", 1, 2, 3, 3).Input("w", 2, 2, 1, 1))
            .Node("Conv", ["x", "w"], ["c"])
            .Node("BatchNormalization", ["c", "scale", "beta", "mean", "var"], ["y"], Eps)
            .ToGraph();
        Assert.Equal(0, FoldBatchNorm.Run(dynamic).Changes);
    }

    [Fact]
    public void BatchNormAfterAnythingButAConvIsKept()
    {
        var g = WithStats(new TestGraph().Input("x", 1, 2, 3, 3))
            .Node("Relu", ["x"], ["c"])
            .Node("BatchNormalization", ["c", "scale", "beta", "mean", "var"], ["y"], Eps)
            .ToGraph();
        Assert.Equal(0, FoldBatchNorm.Run(g).Changes);
    }
}
