using System.Text.Json;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Tests.Transforms;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Zoo;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Zoo;

/// <summary>
/// The zoo against the models PyTorch exported from torchvision (tests/data, 10 classes, 96x96): the same parameter
/// and MAC counts, and, given the exported (BatchNorm-folded) weights layer by layer, the same outputs in ONNX Runtime,
/// which checks the wiring: strides, padding, groups, activations, residuals, split, concatenation and shuffle order.
/// </summary>
public class ZooReferenceModelTests
{
    private static readonly ZooOptions At96 = new() { InputHeight = 96, InputWidth = 96, Classes = 10 };

    public static TheoryData<string, string> Cases => new()
    {
        { "mobilenet_v2_w035_c10_96", "mobilenet_v2_w035" },
        { "shufflenet_v2_x0_5_c10_96", "shufflenet_v2_x0_5" },
        { "mobilenet_v3_small_c10_96", "mobilenet_v3_small" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParametersAndMacsEqualTheExport(string reference, string name)
    {
        using var costs = JsonDocument.Parse(File.ReadAllText(OrtRunner.TestModel("reference_costs.json")));
        var expected = costs.RootElement.GetProperty(reference);
        var graph = ZooModels.Get(name, At96);
        Assert.Equal(expected.GetProperty("params").GetInt64(), TrainableParameters.Count(graph));
        Assert.Equal(expected.GetProperty("macs").GetInt64(), ZooModels.Macs(graph));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WithTheExportsWeightsTheOutputsAreTheSame(string reference, string name)
    {
        var exported = Optimize.Run(CleanupModels.AtBatch1(reference + ".onnx")).Graph;
        var zoo = Optimize.Run(ZooModels.Get(name, At96)).Graph;
        var source = WeightedLayers(exported);
        var target = WeightedLayers(zoo);
        Assert.Equal(source.Count, target.Count);

        var b = new GraphBuilder(zoo);
        for (int i = 0; i < source.Count; i++)
        {
            var (from, to) = (source[i], target[i]);
            Assert.True(from.OpType == to.OpType && from.Inputs.Length == to.Inputs.Length, $"layer {i}: {from} vs {to}");
            Assert.Equal(from.Attributes.GetValueOrDefault("group"), to.Attributes.GetValueOrDefault("group"));
            Assert.Equal(from.Attributes.GetValueOrDefault("strides"), to.Attributes.GetValueOrDefault("strides"));
            for (int k = 1; k < from.Inputs.Length; k++)
            {
                var weight = exported.Initializers[from.Inputs[k]];
                Assert.Equal(weight.Dims.ToArray(), b.Initializers[to.Inputs[k]].Dims.ToArray());
                b.SetInitializer(to.Inputs[k], weight);
            }
        }
        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(exported), seed: 3);
        var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(b.ToGraph()), seed: 3);
        double scale = expected.Values.SelectMany(t => t.Values).Max(v => Math.Abs((double)v));
        double diff = OrtRunner.MaxAbsDiff(expected, actual);
        Assert.True(diff <= 1e-4 * scale, $"{name}: differs from {reference} by {diff:g3} (largest {scale:g3})");
    }

    private static List<Node> WeightedLayers(IrGraph g) => [.. g.Nodes.Where(n => n.OpType is "Conv" or "Gemm")];
}
