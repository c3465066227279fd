using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

/// <summary>
/// End to end through the engine: ShuffleNetV2's channel shuffle and split as PyTorch exports them
/// (Shape → Gather → Div → Unsqueeze → Concat → Reshape → Transpose → Reshape, then Slice halves whose
/// ends are computed from the shape), with a symbolic batch.
/// </summary>
public class ChannelShuffleTests
{
    private static (string, AttributeValue) Scalar(long v) => ("value", new TensorAttribute(TensorData.FromInt64s([], [v])));

    private static (string, AttributeValue) Vector(params long[] v) => ("value", new TensorAttribute(TensorData.FromInt64s([v.Length], v)));

    private static TestGraph Shuffle(TestGraph g, string x, string y)
    {
        for (int i = 0; i < 4; i++)
        {
            g.Node("Shape", [x], [$"shape{i}"])
             .Node("Constant", [], [$"index{i}"], Scalar(i))
             .Node("Gather", [$"shape{i}", $"index{i}"], [$"dim{i}"], Int("axis", 0));
        }
        g.Node("Constant", [], ["two"], Scalar(2))
         .Node("Div", ["dim1", "two"], ["half"])
         .Node("Cast", ["half"], ["half64"], Int("to", 7))
         .Node("Cast", ["half64"], ["half64b"], Int("to", 7))
         .Node("Constant", [], ["groups"], Vector(2))
         .Node("Constant", [], ["minus1"], Vector(-1));
        foreach (var (name, source) in new[] { ("ub", "dim0"), ("uhalf", "half64b"), ("uh", "dim2"), ("uw", "dim3") })
            g.Node("Constant", [], [$"{name}_axes"], Vector(0)).Node("Unsqueeze", [source, $"{name}_axes"], [name]);
        return g
            .Node("Concat", ["ub", "groups", "uhalf", "uh", "uw"], ["target1"], Int("axis", 0))
            .Node("Reshape", [x, "target1"], ["grouped"])
            .Node("Transpose", ["grouped"], ["swapped"], Ints("perm", 0, 2, 1, 3, 4))
            .Node("Concat", ["ub", "minus1", "uh", "uw"], ["target2"], Int("axis", 0))
            .Node("Reshape", ["swapped", "target2"], [y]);
    }

    private static TestGraph Halves(TestGraph g, string x)
    {
        return g
            .Node("Shape", [x], ["s"])
            .Node("Constant", [], ["one_index"], Vector(1))
            .Node("Gather", ["s", "one_index"], ["channels"], Int("axis", 0))
            .Node("Constant", [], ["zero"], Vector(0))
            .Node("Constant", [], ["one"], Vector(1))
            .Node("Constant", [], ["two_v"], Vector(2))
            .Node("Add", ["channels", "one"], ["c_plus"])
            .Node("Div", ["c_plus", "two_v"], ["chunk"])
            .Node("Mul", ["chunk", "one"], ["end1"])
            .Node("Slice", [x, "zero", "end1", "one_index"], ["left"])
            .Node("Mul", ["chunk", "two_v"], ["end2"])
            .Node("Slice", [x, "end1", "end2", "one_index"], ["right"]);
    }

    [Fact]
    public void ChannelShuffleKeepsChannelsAndTheBatchSymbol()
    {
        var g = new TestGraph().Opset(13).Input("x", Dim.Sym("batch"), 116, 12, 12);
        var r = Halves(Shuffle(g, "x", "shuffled"), "shuffled").Run("left", "right");

        Assert.Empty(r.UnknownOps);
        Assert.Equal("4", r.ShapeOf("shape0"));
        Assert.Equal("scalar", r.ShapeOf("dim0"));
        Assert.Equal("batch", string.Join(",", r.ShapeValues["dim0"]));
        Assert.Equal("58", string.Join(",", r.ShapeValues["half64b"]));
        Assert.Equal("1", r.ShapeOf("uhalf"));
        Assert.Equal("batch,2,58,12,12", string.Join(",", r.ShapeValues["target1"]));
        Assert.Equal("batchx2x58x12x12", r.ShapeOf("grouped"));
        Assert.Equal("batchx58x2x12x12", r.ShapeOf("swapped"));
        Assert.Equal("batch,-1,12,12", string.Join(",", r.ShapeValues["target2"]));
        Assert.Equal("batchx116x12x12", r.ShapeOf("shuffled"));
        Assert.Equal(ElementType.Float, r.TypeOf("shuffled"));
        Assert.Equal("58", string.Join(",", r.ShapeValues["end1"]));
        Assert.Equal("batchx58x12x12", r.ShapeOf("left"));
        Assert.Equal("batchx58x12x12", r.ShapeOf("right"));
    }

    [Fact]
    public void EveryValueOfTheShuffleHasAKnownRank()
    {
        var g = new TestGraph().Opset(13).Input("x", Dim.Sym("batch"), 48, 6, 6);
        var graph = Halves(Shuffle(g, "x", "shuffled"), "shuffled").ToGraph("left", "right");
        var r = ShapeInference.Run(graph);
        foreach (var node in graph.Nodes)
            foreach (var output in node.Outputs)
                Assert.True(r.Graph.FindValue(output)?.Shape is not null, $"{output} of {node.OpType} has no shape");
        Assert.Equal("batchx24x6x6", r.ShapeOf("left"));
        Assert.Equal("batchx24x6x6", r.ShapeOf("right"));
    }

    [Fact]
    public void ShuffleWithAKnownBatchIsFullyKnown()
    {
        var g = new TestGraph().Opset(13).Input("x", 1, 116, 12, 12);
        var r = Shuffle(g, "x", "y").Run();
        Assert.Equal("1x116x12x12", r.ShapeOf("y"));
        Assert.Equal("1,2,58,12,12", string.Join(",", r.ShapeValues["target1"]));
    }
}
