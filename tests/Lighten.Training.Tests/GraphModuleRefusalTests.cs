using Lighten.Core;
using Lighten.Training.Tests.Support;
using static Lighten.Training.Tests.Support.OpGraph;
using static TorchSharp.torch;

namespace Lighten.Training.Tests;

/// <summary>What GraphModule cannot run is refused when the module is built, naming the node and op.</summary>
public class GraphModuleRefusalTests
{
    [Fact]
    public void OpWithoutForwardIsRefusedNamingTheNode()
    {
        var graph = new OpGraph().Input("x", 1, 4).Node("Relu", ["x"], ["r"]).Node("Celu", ["r"], ["y"]).Build();
        var e = Assert.Throws<GraphModuleException>(() => new GraphModule(graph));
        Assert.Equal("celu_1", e.NodeName);
        Assert.Equal("Celu", e.OpType);
        Assert.StartsWith("node 'celu_1' (Celu): op Celu has no TorchSharp forward", e.Describe());
    }

    [Theory]
    [InlineData("cubic", "half_pixel", "mode 'cubic'")]
    [InlineData("linear", "tf_crop_and_resize", "coordinate_transformation_mode 'tf_crop_and_resize'")]
    public void UnsupportedResizeIsRefused(string mode, string coordinates, string named)
    {
        var graph = new OpGraph().Input("x", 1, 1, 4, 4).FloatConst("s", 1, 1, 2, 2)
            .Op("Resize", ["x", "", "s"], Str("mode", mode), Str("coordinate_transformation_mode", coordinates)).Build();
        var e = Assert.Throws<GraphModuleException>(() => new GraphModule(graph));
        Assert.Equal("resize_0", e.NodeName);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void MaxPoolIndicesOutputIsRefused()
    {
        var graph = new OpGraph().Input("x", 1, 1, 4, 4).Node("MaxPool", ["x"], ["y", "i"], Ints("kernel_shape", 2, 2)).Build("y");
        Assert.Contains("Indices", Assert.Throws<GraphModuleException>(() => new GraphModule(graph)).Message);
    }

    [Fact]
    public void NativeErrorsAreWrappedNamingTheNode()
    {
        var graph = new OpGraph().Input("x", 1, 3, 4, 4).Weight("w", 2, 3, 3, 3).Op("Conv", ["x", "w"]).Build();
        using var module = new GraphModule(graph);
        using var scope = NewDisposeScope();
        var e = Assert.Throws<GraphModuleException>(() => module.forward(ones(1, 4, 4, 4)));
        Assert.Equal("conv_0", e.NodeName);
        Assert.NotNull(e.InnerException);
    }

    [Theory]
    [InlineData("MatMul")]
    [InlineData("Gemm")]
    public void MismatchedMatrixProductIsRefusedBeforeLibtorch(string op)
    {
        var graph = new OpGraph().Input("x", 1, 3).Weight("w", 3, 5).Op(op, ["x", "w"]).Build();
        using var module = new GraphModule(graph);
        using var scope = NewDisposeScope();
        var e = Assert.Throws<GraphModuleException>(() => module.forward(ones(1, 4)));
        Assert.Equal(op, e.OpType);
        Assert.Contains("inner dimensions differ", e.Message);
    }

    [Fact]
    public void SupportedOpsCoverTheBriefAndAreSorted()
    {
        var ops = GraphModule.SupportedOps.ToList();
        Assert.Equal(ops.Order(StringComparer.Ordinal), ops);
        foreach (var op in new[] { "Conv", "ConvTranspose", "BatchNormalization", "Resize", "Upsample", "Pad", "Gemm", "Shape", "Gather", "Cast" })
            Assert.Contains(op, ops);
    }
}
