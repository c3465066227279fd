using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Core.Tests.Transforms.Quantize;

public class CorrectBiasAndTwinsTests
{
    [Fact]
    public void Bias_correction_removes_the_hand_computed_mean_shift()
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, 2)));
        b.SetInitializer("w", TensorData.FromFloats([1, 2], [0.3f, 0.7f]));
        b.SetInitializer("bias", TensorData.FromFloats([1], [0f]));
        b.AddNode("Gemm", ["x", "w", "bias"], ["y"], [KeyValuePair.Create("transB", (AttributeValue)new IntAttribute(1))]);
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        var graph = b.ToGraph() with { Opsets = [new OpsetImport("", 13)] };
        var plan = QuantizationPlan.Build(graph);
        var ranges = new Dictionary<string, ActivationRange> { ["x"] = new(0, 4) };

        var result = CorrectBias.Run(graph, plan, ranges, new Dictionary<string, double[]> { ["x"] = [2, 1] });

        // Scale 0.7/127: 0.3 rounds to 54 steps, an error of 54 × 0.7/127 − 0.3; 0.7 is exact. Shift = 2 × error.
        double error = 54 * (0.7 / 127) - 0.3;
        var gemm = result.Graph.Nodes.Single(n => n.OpType == "Gemm");
        Assert.Equal(-2 * error, result.Graph.Initializers[gemm.Inputs[2]].ToFloatArray()[0], 5);
        Assert.Equal(1, result.Changes);
    }

    [Fact]
    public void Twins_give_each_compute_layer_a_quantized_copy_beside_it()
    {
        var m = new QuantGraphs();
        var fp32 = m.Head(m.Relu(m.Conv(m.Relu(m.Conv("x", 3, 8)), 8, 8)), 8);
        var plan = QuantizationPlan.Build(fp32);
        var twins = QuantizedTwins.Build(fp32, plan, QuantGraphs.Ranges(fp32, plan.Tensors));
        GraphValidator.Validate(twins.Graph);
        Assert.Equal(plan.ComputeLayers.Select(l => l.Node), twins.Pairs.Select(p => p.Layer));

        var outputs = OrtRunner.RunSeeded(OnnxExporter.ToBytes(twins.Graph), seed: 3);
        foreach (var pair in twins.Pairs)
        {
            var y = outputs[pair.Reference].Values;
            var q = outputs[pair.Twin].Values;
            double signal = y.Sum(v => (double)v * v), noise = y.Zip(q).Sum(p => (double)(p.First - p.Second) * (p.First - p.Second));
            Assert.InRange(10 * Math.Log10(signal / noise), 20, 200);
        }
    }
}
