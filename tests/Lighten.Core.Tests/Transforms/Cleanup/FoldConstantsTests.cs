using Lighten.Core.Tests.Ops;
using Lighten.Core.Transforms.Cleanup;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Transforms.Cleanup;

public class FoldConstantsTests
{
    /// <summary>The flatten-by-shape idiom of exported models: Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])).</summary>
    private static TestGraph ShapeChain(params Dim[] input) => new TestGraph().Input("x", input)
        .Constant("zero", TensorData.FromInt64s([], [0]))
        .IntConst("axes", 0)
        .IntConst("minus1", -1)
        .Node("Shape", ["x"], ["s"])
        .Node("Gather", ["s", "zero"], ["n"], Int("axis", 0))
        .Node("Unsqueeze", ["n", "axes"], ["n1"])
        .Node("Concat", ["n1", "minus1"], ["shape"], Int("axis", 0))
        .Node("Reshape", ["x", "shape"], ["y"]);

    [Fact]
    public void ShapeChainOfAFixedInputFoldsIntoAConstantReshapeShape()
    {
        var r = FoldConstants.Run(ShapeChain(1, 3, 4, 4).ToGraph());

        Assert.Equal(4, r.Changes);
        var reshape = Assert.Single(r.Graph.Nodes);
        Assert.Equal([1L, -1], r.Graph.Initializers[reshape.Inputs[1]].ToInt64Array());
        Assert.Equal(["shape"], r.Graph.Initializers.Keys.ToArray());
        Assert.Contains("folded 1 Shape node(s)", r.Details);
    }

    [Fact]
    public void ShapeOfASymbolicBatchIsKept()
    {
        var r = FoldConstants.Run(ShapeChain(Dim.Sym("batch"), 3, 4, 4).ToGraph());
        Assert.Equal(0, r.Changes);
    }

    [Fact]
    public void KnownDimensionsBehindASymbolicBatchFoldThroughShapeValues()
    {
        // Only the channel count is read: Shape(x)[1] is known although the batch is not.
        var g = new TestGraph().Input("x", Dim.Sym("batch"), 6, 4)
            .Constant("one", TensorData.FromInt64s([], [1]))
            .Constant("two", TensorData.FromInt64s([], [2]))
            .IntConst("axes", 0)
            .Node("Shape", ["x"], ["s"])
            .Node("Gather", ["s", "one"], ["c"], Int("axis", 0))
            .Node("Div", ["c", "two"], ["half"])
            .Node("Unsqueeze", ["half", "axes"], ["ends"])
            .Node("Slice", ["x", "axes", "ends", "one"], ["y"])
            .ToGraph();

        var r = FoldConstants.Run(g);
        var slice = Assert.Single(r.Graph.Nodes);
        Assert.Equal([3L], r.Graph.Initializers[slice.Inputs[2]].ToInt64Array());
    }

    [Fact]
    public void ConstantNodesAndArithmeticOnInitializersBecomeInitializers()
    {
        var g = new TestGraph().Input("x", 1, 2)
            .Constant("a", TensorData.FromFloats([2], [1, 2]))
            .Node("Constant", [], ["b"], ("value", new TensorAttribute(TensorData.FromFloats([2], [3, 4]))))
            .Node("Mul", ["a", "b"], ["ab"])
            .Node("Add", ["x", "ab"], ["y"])
            .ToGraph();

        var r = FoldConstants.Run(g);
        Assert.Equal(2, r.Changes);
        Assert.Equal([3f, 8], r.Graph.Initializers["ab"].ToFloatArray());
        Assert.Equal("Add", Assert.Single(r.Graph.Nodes).OpType);
    }

    [Fact]
    public void NodesWritingGraphOutputsAreKept()
    {
        var g = new TestGraph()
            .Node("Constant", [], ["a"], ("value", new TensorAttribute(TensorData.FromFloats([1], [2]))))
            .Node("Neg", ["a"], ["y"])
            .ToGraph();

        var r = FoldConstants.Run(g);
        var neg = Assert.Single(r.Graph.Nodes);
        Assert.Equal("Neg", neg.OpType);
        Assert.Equal([2f], r.Graph.Initializers["a"].ToFloatArray());
    }

    [Fact]
    public void LargeOutputsOfSmallInputsAreNotFolded()
    {
        var g = new TestGraph().Input("x", 2048, 1024)
            .IntConst("shape", 2048, 1024)
            .Node("ConstantOfShape", ["shape"], ["zeros"])
            .Node("Add", ["x", "zeros"], ["y"])
            .ToGraph();
        Assert.Equal(0, FoldConstants.Run(g).Changes);
    }

    [Fact]
    public void LargeOutputsOfInputsAsLargeAreFolded()
    {
        var g = new TestGraph().Input("x", 2048, 1024)
            .Constant("w", TensorData.FromFloats([1024, 2048], new float[1 << 21]))
            .Node("Transpose", ["w"], ["wt"])
            .Node("Add", ["x", "wt"], ["y"])
            .ToGraph();
        var r = FoldConstants.Run(g);
        Assert.Equal(1, r.Changes);
        Assert.Equal([2048L, 1024], r.Graph.Initializers["wt"].Dims.ToArray());
    }
}
