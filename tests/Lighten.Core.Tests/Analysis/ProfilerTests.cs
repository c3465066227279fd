using Lighten.Core;
using Lighten.Core.Analysis;

namespace Lighten.Core.Tests.Analysis;

public class ProfilerTests
{
    [Fact]
    public void Peak_memory_counts_values_alive_at_the_same_time()
    {
        // x (16 B) -> a -> b; c = a + b. After b runs, a and b are alive (x freed); c adds a third tensor.
        var graph = new Lighten.Core.Graph
        {
            Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape(1, 4))],
            Outputs = [new ValueInfo("c", ElementType.Float, null)],
            Nodes =
            [
                new Node("a", "Relu", ["x"], ["a"]),
                new Node("b", "Relu", ["a"], ["b"]),
                new Node("c", "Add", ["a", "b"], ["c"]),
            ],
        };
        var profile = Profiler.Run(graph);
        Assert.Equal(48, profile.Totals.PeakActivationBytes);
        Assert.All(profile.Layers, l => Assert.Equal(16, l.OutputBytes));
    }

    [Fact]
    public void Conv_and_gemm_are_costed_and_unknown_ops_listed()
    {
        var init = new Lighten.Core.Graph().Initializers
            .Add("w", TensorData.FromFloats([8, 3, 3, 3], new float[8 * 27]))
            .Add("b", TensorData.FromFloats([8], new float[8]))
            .Add("fc", TensorData.FromFloats([10, 8], new float[80]))
            .Add("axes_like", TensorData.FromInt64s([2], [1, 2]))
            .Add("scalar", TensorData.FromFloats([], [6f]));
        var graph = new Lighten.Core.Graph
        {
            Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape([Dim.Sym("N"), 3, 16, 16]))],
            Outputs = [new ValueInfo("y", ElementType.Float, null), new ValueInfo("custom_out", ElementType.Float, null)],
            Initializers = init,
            Nodes =
            [
                new Node("conv", "Conv", ["x", "w", "b"], ["c"], [new("pads", new IntsAttribute([1, 1, 1, 1])), new("strides", new IntsAttribute([2, 2]))]),
                new Node("clip", "Clip", ["c", "", "scalar"], ["r"]),
                new Node("gap", "GlobalAveragePool", ["r"], ["g"]),
                new Node("flat", "Flatten", ["g"], ["f"]),
                new Node("fc", "Gemm", ["f", "fc"], ["y"], [new("transB", new IntAttribute(1))]),
                new Node("custom", "MyOp", ["r"], ["custom_out"], domain: "com.example"),
            ],
            Opsets = [new OpsetImport("", 13), new OpsetImport("com.example", 1)],
        };

        var profile = Profiler.Run(graph, new ProfileOptions { InputShapes = new Dictionary<string, long[]> { ["x"] = [2, 3, 16, 16] } });

        var conv = profile.Layers.Single(l => l.Name == "conv");
        Assert.Equal(2L * 8 * 8 * 8 * 27, conv.Macs);
        Assert.Equal(8 * 27 + 8, conv.Params);
        Assert.Equal("2x8x8x8", conv.OutputShape!.ToString());
        Assert.Equal(2L * 8 * 10, profile.Layers.Single(l => l.Name == "fc").Macs);
        Assert.Equal(0, profile.Layers.Single(l => l.Name == "clip").Params);
        Assert.Equal(2L * 8 * 8 * 8 * 27 + 2 * 80, profile.Totals.Macs);
        Assert.Equal(8 * 27 + 8 + 80, profile.Totals.Params);
        Assert.Equal((8 * 27 + 8 + 80) * 4, profile.Totals.WeightBytes);
        Assert.Equal("custom", Assert.Single(profile.Unsupported).Name);
        Assert.Empty(profile.AssumedDims);
    }
}
