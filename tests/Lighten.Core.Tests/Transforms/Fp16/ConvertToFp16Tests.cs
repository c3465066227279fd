using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Tests.Transforms.Quantize;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Transforms.Fp16;

namespace Lighten.Core.Tests.Transforms.Fp16;

public class ConvertToFp16Tests
{
    public static TheoryData<string> Models => [.. OrtRunner.TestModelNames];

    [Theory]
    [MemberData(nameof(Models))]
    public void Test_models_in_fp16_stay_within_1e_2_relative_of_fp32(string file)
    {
        var fp32 = Optimize.Run(OnnxImporter.Load(OrtRunner.TestModel(file))).Graph;
        var conversion = ConvertToFp16.RunDetailed(fp32);
        GraphValidator.Validate(conversion.Graph);
        Assert.All(conversion.Graph.Inputs.Concat(conversion.Graph.Outputs), v => Assert.Equal(ElementType.Float, v.ElementType));
        Assert.Contains(conversion.Graph.Initializers.Values, t => t.ElementType == ElementType.Float16);

        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(fp32), seed: 5, batch: 2);
        var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(conversion.Graph), seed: 5, batch: 2);
        double scale = expected.Values.Max(t => t.Values.Max(Math.Abs));
        Assert.InRange(OrtRunner.MaxAbsDiff(expected, actual) / scale, 0, 1e-2);
    }

    [Fact]
    public void Casts_mark_the_fp16_region_and_blocked_ops_stay_fp32()
    {
        var m = new QuantGraphs();
        var logits = m.Conv("x", 3, 4);
        var fp32 = m.Output(m.Node("Softmax", [logits], "softmax", ("axis", new IntAttribute(1))));
        var conversion = ConvertToFp16.RunDetailed(fp32);
        var g = conversion.Graph;
        GraphValidator.Validate(g);

        var conv = g.Nodes.Single(n => n.OpType == "Conv");
        var toHalf = g.Producer(conv.Inputs[0])!;
        Assert.Equal("Cast", toHalf.OpType);
        Assert.Equal((long)ElementType.Float16, toHalf.GetInt("to", 0));
        Assert.Equal("x", toHalf.Inputs[0]);
        Assert.All(conv.Inputs.Skip(1), w => Assert.Equal(ElementType.Float16, g.Initializers[w].ElementType));
        var softmax = g.Nodes.Single(n => n.OpType == "Softmax");
        Assert.Equal((long)ElementType.Float, g.Producer(softmax.Inputs[0])!.GetInt("to", 0));
        Assert.Equal(softmax.Outputs[0], g.Outputs[0].Name);
        Assert.Contains(conversion.KeptFp32, k => k.OpType == "Softmax");
        Assert.Equal(2, conversion.Casts);
        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(fp32), seed: 1);
        Assert.InRange(OrtRunner.MaxAbsDiff(expected, OrtRunner.RunSeeded(OnnxExporter.ToBytes(g), seed: 1)), 0, 1e-2);
    }

    [Fact]
    public void Keep_fp32_takes_node_names_and_op_types()
    {
        var m = new QuantGraphs();
        var fp32 = m.Output(m.Relu(m.Conv(m.Relu(m.Conv("x", 3, 4, name: "a")), 4, 4, name: "b")));
        var byName = ConvertToFp16.RunDetailed(fp32, new Fp16Options { KeepFp32 = new HashSet<string> { "a" } });
        Assert.Equal(["a"], byName.KeptFp32.Select(k => k.Node));
        var byOp = ConvertToFp16.RunDetailed(fp32, new Fp16Options { KeepFp32 = new HashSet<string> { "Conv" } });
        Assert.Equal(["a", "b"], byOp.KeptFp32.Select(k => k.Node));
        Assert.All(byOp.KeptFp32, k => Assert.Contains("request", k.Reason));
        GraphValidator.Validate(byOp.Graph);
        OrtRunner.RunSeeded(OnnxExporter.ToBytes(byOp.Graph), seed: 2);
    }

    [Fact]
    public void Weights_beyond_the_fp16_range_are_clamped_and_counted()
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, 4)));
        b.SetInitializer("w", TensorData.FromFloats([4], [1e5f, -2e5f, 1e-9f, 0.5f]));
        b.AddNode("Mul", ["x", "w"], ["y"]);
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        var conversion = ConvertToFp16.RunDetailed(b.ToGraph() with { Opsets = [new OpsetImport("", 13)] });
        Assert.Equal(2, conversion.ClampedWeights);
        Assert.Equal(1, conversion.FlushedWeights);
        Assert.Contains(conversion.Pass.Details, d => d.StartsWith("warning: 2 weight value(s) beyond ±65504", StringComparison.Ordinal));
        var w = conversion.Graph.Initializers.Values.Single(t => t.ElementType == ElementType.Float16).ToFloatArray();
        Assert.Equal([65504f, -65504f, 0f, 0.5f], w);
    }

    [Fact]
    public void Resize_scales_stay_float32_and_large_reductions_stay_fp32()
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, 2, 128, 128)));
        b.SetInitializer("scales", TensorData.FromFloats([4], [1, 1, 0.5f, 0.5f]));
        b.AddNode("Resize", ["x", "", "scales"], ["small"], [KeyValuePair.Create("mode", (AttributeValue)new StringAttribute("linear"))]);
        b.AddNode("ReduceMean", ["small"], ["m_small"], [KeyValuePair.Create("axes", (AttributeValue)new IntsAttribute([2, 3]))]);
        b.AddNode("ReduceMean", ["x"], ["m_large"], [KeyValuePair.Create("axes", (AttributeValue)new IntsAttribute([2, 3]))], namePrefix: "large");
        b.Outputs.Add(new ValueInfo("m_small", ElementType.Float, null));
        b.Outputs.Add(new ValueInfo("m_large", ElementType.Float, null));
        var conversion = ConvertToFp16.RunDetailed(b.ToGraph() with { Opsets = [new OpsetImport("", 13)] });
        var g = conversion.Graph;
        GraphValidator.Validate(g);
        Assert.Equal(ElementType.Float, g.Initializers[g.Nodes.Single(n => n.OpType == "Resize").Inputs[2]].ElementType);
        var kept = Assert.Single(conversion.KeptFp32);
        Assert.StartsWith("large", kept.Node);
        Assert.Contains("16384", kept.Reason);
        OrtRunner.RunSeeded(OnnxExporter.ToBytes(g), seed: 3);
    }

    [Fact]
    public void Fp16_inputs_and_outputs_on_request()
    {
        var m = new QuantGraphs();
        var fp32 = m.Output(m.Relu(m.Conv("x", 3, 4)));
        var g = ConvertToFp16.Run(fp32, new Fp16Options { KeepIoFloat32 = false }).Graph;
        Assert.Equal(ElementType.Float16, g.Inputs[0].ElementType);
        Assert.Equal(ElementType.Float16, g.Outputs[0].ElementType);
        Assert.DoesNotContain(g.Nodes, n => n.OpType == "Cast");
        GraphValidator.Validate(g);
    }
}
