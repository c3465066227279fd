using Lighten.Core;
using Lighten.Core.Ops;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class ElementwiseTests
{
    [Theory]
    [InlineData("Relu")]
    [InlineData("LeakyRelu")]
    [InlineData("Sigmoid")]
    [InlineData("HardSigmoid")]
    [InlineData("HardSwish")]
    [InlineData("Tanh")]
    [InlineData("Sqrt")]
    [InlineData("Exp")]
    [InlineData("Neg")]
    [InlineData("Abs")]
    [InlineData("Erf")]
    [InlineData("Reciprocal")]
    [InlineData("Floor")]
    [InlineData("Ceil")]
    [InlineData("Softmax")]
    [InlineData("LogSoftmax")]
    [InlineData("BatchNormalization")]
    public void SameShapeOps(string op)
    {
        var r = new TestGraph().Input("x", Dim.Sym("batch"), 16, 5, 5)
            .Weight("s", 16).Weight("b", 16).Weight("m", 16).Weight("v", 16)
            .Op(op, op == "BatchNormalization" ? ["x", "s", "b", "m", "v"] : ["x"]).Run();
        Assert.Equal("batchx16x5x5", r.ShapeOf("y"));
        Assert.Equal(ElementType.Float, r.TypeOf("y"));
        Assert.Equal(0L, r.Macs());
    }

    [Fact]
    public void NotKeepsBool()
    {
        var r = new TestGraph().Input("x", ElementType.Bool, 2, 3).Op("Not", ["x"]).Run();
        Assert.Equal(ElementType.Bool, r.TypeOf("y"));
        Assert.Equal("2x3", r.ShapeOf("y"));
    }

    [Fact]
    public void BatchNormalizationChecksChannels()
    {
        var e = Assert.Throws<ShapeInferenceException>(() => new TestGraph().Input("x", 1, 16, 5, 5)
            .Weight("s", 8).Weight("b", 16).Weight("m", 16).Weight("v", 16).Op("BatchNormalization", ["x", "s", "b", "m", "v"]).Run());
        Assert.Contains("16 channels", e.Message);
    }

    [Fact]
    public void PReluSlopeBroadcastsToTheInput()
    {
        Assert.Equal("1x16x5x5", new TestGraph().Input("x", 1, 16, 5, 5).Weight("s", 16, 1, 1).Op("PRelu", ["x", "s"]).Shape());
        var e = Assert.Throws<ShapeInferenceException>(() =>
            new TestGraph().Input("x", 1, 16, 5, 5).Weight("s", 16).Op("PRelu", ["x", "s"]).Run());
        Assert.Contains("16", e.Message);
        Assert.Contains("1x16x5x5", e.Message);
    }

    [Fact]
    public void ClipBoundsAreAttributesBeforeOpset11AndScalarInputsAfter()
    {
        Assert.Equal("1x3", new TestGraph().Opset(6).Input("x", 1, 3).Op("Clip", ["x"], Float("min", 0), Float("max", 6)).Shape());
        Assert.Equal("1x3", new TestGraph().Opset(13).Input("x", 1, 3).Constant("lo", TensorData.FromFloats([], [0f]))
            .Constant("hi", TensorData.FromFloats([], [6f])).Op("Clip", ["x", "lo", "hi"]).Shape());
        Assert.Equal("1x3", new TestGraph().Opset(13).Input("x", 1, 3).Constant("hi", TensorData.FromFloats([], [6f])).Op("Clip", ["x", "", "hi"]).Shape());
        Assert.Throws<ShapeInferenceException>(() => new TestGraph().Opset(10).Input("x", 1, 3).Weight("lo").Op("Clip", ["x", "lo"]).Run());
        Assert.Throws<ShapeInferenceException>(() => new TestGraph().Opset(13).Input("x", 1, 3).Weight("lo", 3).Op("Clip", ["x", "lo"]).Run());
    }

    [Fact]
    public void SoftmaxAxisMustBeInRange()
    {
        Assert.Equal("2x10", new TestGraph().Input("x", 2, 10).Op("Softmax", ["x"], Int("axis", -2)).Shape());
        Assert.Throws<ShapeInferenceException>(() => new TestGraph().Input("x", 2, 10).Op("Softmax", ["x"], Int("axis", 2)).Run());
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Sub")]
    [InlineData("Mul")]
    [InlineData("Div")]
    [InlineData("Pow")]
    public void BinaryOpsBroadcast(string op)
    {
        var r = new TestGraph().Input("a", Dim.Sym("batch"), 3, 1, 5).Input("b", 4, 1).Op(op, ["a", "b"]).Run();
        Assert.Equal("batchx3x4x5", r.ShapeOf("y"));
        Assert.Equal(ElementType.Float, r.TypeOf("y"));
    }

    [Fact]
    public void IncompatibleShapesFailNamingBoth()
    {
        var e = Assert.Throws<ShapeInferenceException>(() => new TestGraph().Input("a", 2, 3).Input("b", 4, 3).Op("Add", ["a", "b"]).Run());
        Assert.Equal("Add", e.OpType);
        Assert.Contains("2x3", e.Message);
        Assert.Contains("4x3", e.Message);
    }

    [Theory]
    [InlineData("n", "n", "nx3")]
    [InlineData("n", "m", "?x3")]
    [InlineData("n", "1", "nx3")]
    [InlineData("n", "7", "7x3")]
    [InlineData("?", "7", "7x3")]
    [InlineData("?", "n", "?x3")]
    public void SymbolicAndUnknownDims(string a, string b, string expected)
    {
        static Dim D(string s) => s == "?" ? Dim.Unknown : long.TryParse(s, out var v) ? Dim.Of(v) : Dim.Sym(s);
        Assert.Equal(expected, new TestGraph().Input("a", D(a), 3).Input("b", D(b), 3).Op("Mul", ["a", "b"]).Shape());
    }

    [Fact]
    public void VariadicOpsBroadcastAllInputs()
    {
        foreach (var op in new[] { "Max", "Min", "Sum", "Mean" })
            Assert.Equal("2x3x4", new TestGraph().Input("a", 4).Input("b", 3, 1).Input("c", 2, 1, 1).Op(op, ["a", "b", "c"]).Shape());
        Assert.Equal("5", new TestGraph().Input("a", 5).Op("Sum", ["a"]).Shape());
    }

    [Theory]
    [InlineData("Equal")]
    [InlineData("Less")]
    [InlineData("Greater")]
    public void ComparisonsGiveBool(string op)
    {
        var r = new TestGraph().Input("a", 2, 1).Input("b", 3).Op(op, ["a", "b"]).Run();
        Assert.Equal("2x3", r.ShapeOf("y"));
        Assert.Equal(ElementType.Bool, r.TypeOf("y"));
    }

    [Fact]
    public void WhereBroadcastsThreeWays()
    {
        var r = new TestGraph().Input("c", ElementType.Bool, 4, 1, 1).Input("a", ElementType.Int64, 3, 1).Input("b", ElementType.Int64, 5)
            .Op("Where", ["c", "a", "b"]).Run();
        Assert.Equal("4x3x5", r.ShapeOf("y"));
        Assert.Equal(ElementType.Int64, r.TypeOf("y"));
    }

    [Fact]
    public void ShapeValuesPropagateThroughIntegerArithmetic()
    {
        var r = new TestGraph().Input("x", 1)
            .IntConst("c", 48, 7).IntConst("two", 2).IntConst("three", 3)
            .Node("Div", ["c", "two"], ["half"])
            .Node("Mul", ["half", "three"], ["m"])
            .Node("Sub", ["m", "two"], ["s"])
            .Node("Add", ["s", "half"], ["y"])
            .Run();
        Assert.Equal([Dim.Of(24), Dim.Of(3)], r.ShapeValues["half"].ToArray());
        Assert.Equal([Dim.Of(94), Dim.Of(10)], r.ShapeValues["y"].ToArray());
    }

    [Fact]
    public void ShapeValueArithmeticKeepsSymbolsThroughIdentities()
    {
        Dim[] v = [Dim.Sym("batch"), Dim.Of(6)];
        Assert.Equal([Dim.Sym("batch"), Dim.Of(3)], ShapeValueArithmetic.Apply("Div", [[.. v], [Dim.Of(1), Dim.Of(2)]])!.Value.ToArray());
        Assert.Equal([Dim.Unknown, Dim.Of(12)], ShapeValueArithmetic.Apply("Mul", [[.. v], [Dim.Of(2)]])!.Value.ToArray());
        Assert.Equal([Dim.Sym("batch"), Dim.Of(6)], ShapeValueArithmetic.Apply("Add", [[.. v], [Dim.Of(0)]])!.Value.ToArray());
        Assert.Null(ShapeValueArithmetic.Apply("Pow", [[.. v], [Dim.Of(2)]]));
        Assert.Null(ShapeValueArithmetic.Apply("Add", [[.. v], [Dim.Of(1), Dim.Of(2), Dim.Of(3)]]));
    }

    [Fact]
    public void WherePropagatesShapeValuesWithAKnownCondition()
    {
        var r = new TestGraph().Input("x", 1).IntConst("shape", 4, 6).IntConst("minus1", -1, -1).IntConst("zero", 0)
            .Node("Equal", ["minus1", "zero"], ["isZero"])
            .Node("Where", ["isZero", "shape", "minus1"], ["y"])
            .Run();
        Assert.Equal([Dim.Of(0), Dim.Of(0)], r.ShapeValues["isZero"].ToArray());
        Assert.Equal([Dim.Of(-1), Dim.Of(-1)], r.ShapeValues["y"].ToArray());
    }
}
