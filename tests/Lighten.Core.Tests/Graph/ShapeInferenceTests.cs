using Lighten.Core;
using Lighten.Core.Tests.Ops;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests;

public class ShapeInferenceTests
{
    [Fact]
    public void SymbolicBatchFlowsThroughElementwiseOps()
    {
        var r = new TestGraph()
            .Input("x", Dim.Sym("batch"), 3, 4, 4)
            .Weight("b", 3, 1, 1)
            .Node("Relu", ["x"], ["r"])
            .Node("Add", ["r", "b"], ["y"])
            .Run();
        Assert.Equal("batchx3x4x4", r.ShapeOf("r"));
        Assert.Equal("batchx3x4x4", r.ShapeOf("y"));
        Assert.Equal(ElementType.Float, r.TypeOf("y"));
        Assert.Equal("batchx3x4x4", r.Graph.Outputs.Single().Shape!.ToString());
        Assert.True(r.Graph.ValueInfos.ContainsKey("r"));
        Assert.False(r.Graph.ValueInfos.ContainsKey("y"));
        Assert.Empty(r.UnknownOps);
    }

    [Fact]
    public void UnknownOpKeepsDeclaredShapeAndIsReported()
    {
        var g = new TestGraph()
            .Input("x", 1, 3, 4, 4)
            .Node("MyCustomOp", ["x"], ["c"])
            .Node("Relu", ["c"], ["y"])
            .ToGraph();
        g = g with { ValueInfos = g.ValueInfos.Add("c", new ValueInfo("c", ElementType.Float, new TensorShape(1, 8, 2, 2))) };
        var r = ShapeInference.Run(g);
        Assert.Equal("MyCustomOp", Assert.Single(r.UnknownOps).OpType);
        Assert.Equal("1x8x2x2", r.ShapeOf("c"));
        Assert.Equal("1x8x2x2", r.ShapeOf("y"));
    }

    [Fact]
    public void UnknownOpWithoutDeclarationLeavesDownstreamUnknown()
    {
        var r = new TestGraph()
            .Input("x", 1, 3, 4, 4)
            .Node("MyCustomOp", ["x"], ["c"])
            .Node("Relu", ["c"], ["y"])
            .Run();
        Assert.Equal("?", r.ShapeOf("c"));
        Assert.Equal("?", r.ShapeOf("y"));
    }

    [Fact]
    public void ContradictingDeclarationThrowsNamingNodeAndShapes()
    {
        var g = new TestGraph().Input("x", 1, 3, 4, 4).Node("Relu", ["x"], ["r"]).Node("Relu", ["r"], ["y"]).ToGraph();
        g = g with { ValueInfos = g.ValueInfos.Add("r", new ValueInfo("r", ElementType.Float, new TensorShape(1, 3, 5, 4))) };
        var e = Assert.Throws<ShapeInferenceException>(() => ShapeInference.Run(g));
        Assert.Equal("relu_0", e.NodeName);
        Assert.Equal("Relu", e.OpType);
        Assert.Contains("1x3x5x4", e.Message);
        Assert.Contains("1x3x4x4", e.Message);
    }

    [Fact]
    public void DeclaredDimsFillWhatInferenceDoesNotKnow()
    {
        var g = new TestGraph().Input("x", Dim.Unknown, 3, Dim.Sym("h"), 4).Node("Relu", ["x"], ["r"]).Node("Relu", ["r"], ["y"]).ToGraph();
        g = g with { ValueInfos = g.ValueInfos.Add("r", new ValueInfo("r", ElementType.Undefined, new TensorShape([Dim.Sym("n"), 3, 7, 4]))) };
        var r = ShapeInference.Run(g);
        Assert.Equal("nx3x7x4", r.ShapeOf("r"));
        Assert.Equal(ElementType.Float, r.TypeOf("r"));
        Assert.Equal("nx3x7x4", r.ShapeOf("y"));
    }

    [Fact]
    public void DeclaredRankContradictionThrows()
    {
        var g = new TestGraph().Input("x", 1, 3).Op("Relu", ["x"]).ToGraph();
        g = g with { Outputs = [new ValueInfo("y", ElementType.Float, new TensorShape(1, 3, 1))] };
        Assert.Throws<ShapeInferenceException>(() => ShapeInference.Run(g));
    }

    [Fact]
    public void ConstantNodeValuesBecomeShapeValues()
    {
        var r = new TestGraph()
            .Input("x", 1, 3)
            .Node("Constant", [], ["c"], ("value_ints", new IntsAttribute([6, 10])))
            .IntConst("two", 2)
            .Op("Div", ["c", "two"])
            .Run();
        Assert.Equal("2", r.ShapeOf("c"));
        Assert.Equal(ElementType.Int64, r.TypeOf("c"));
        Assert.Equal([Dim.Of(3), Dim.Of(5)], r.ShapeValues["y"].ToArray());
        Assert.Equal("2", r.ShapeOf("y"));
    }

    [Fact]
    public void OpsetVersionComesFromTheGraph()
    {
        TestGraph Clip(long opset) => new TestGraph().Opset(opset).Input("x", 1, 3)
            .Constant("lo", TensorData.FromFloats([], [0f])).Op("Clip", ["x", "lo"]);
        Assert.Equal("1x3", Clip(13).Shape());
        var e = Assert.Throws<ShapeInferenceException>(() => Clip(6).Run());
        Assert.Contains("opset", e.Message);
    }

    [Fact]
    public void ResultGraphKeepsEverythingElse()
    {
        var g = new TestGraph().Input("x", 1, 3).Weight("w", 3).Op("Mul", ["x", "w"]).ToGraph();
        var r = ShapeInference.Run(g);
        Assert.Equal(g.Nodes, r.Graph.Nodes);
        Assert.Equal(g.Initializers.Keys, r.Graph.Initializers.Keys);
        Assert.Equal(g.Inputs, r.Graph.Inputs);
        Assert.Equal("1x3", r.ShapeOf("y"));
    }
}
