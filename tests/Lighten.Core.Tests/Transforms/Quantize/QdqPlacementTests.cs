using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Core.Tests.Transforms.Quantize;

/// <summary>Where Q and DQ go, per topology, and what ONNX Runtime makes of it.</summary>
public class QdqPlacementTests
{
    private static Node ProducerOf(Graph g, string value) => g.Producer(value) ?? throw new Xunit.Sdk.XunitException($"nothing produces {value}");

    private static Node[] Ops(Graph g, string op) => [.. g.Nodes.Where(n => n.OpType == op)];

    /// <summary>Asserts the quantized model runs in ONNX Runtime and stays close to the FP32 one on the same inputs.</summary>
    private static void AssertCloseToFp32(Graph fp32, Graph int8, double tolerance = 0.1)
    {
        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(fp32), seed: 11);
        var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(int8), seed: 11);
        double scale = expected.Values.Max(t => t.Values.Max(Math.Abs));
        Assert.InRange(OrtRunner.MaxAbsDiff(expected, actual) / scale, 0, tolerance);
    }

    [Fact]
    public void Conv_relu_puts_the_q_after_the_relu_and_fuses_into_qlinearconv()
    {
        var m = new QuantGraphs();
        var a = m.Relu(m.Conv("x", 3, 8));
        var fp32 = m.Head(m.Relu(m.Conv(a, 8, 8)), 8);
        var (int8, plan) = QuantGraphs.Quantize(fp32);

        foreach (var relu in Ops(int8, "Relu"))
        {
            Assert.Equal("Conv", ProducerOf(int8, relu.Inputs[0]).OpType);
            Assert.Equal(["QuantizeLinear"], int8.Consumers(relu.Outputs[0]).Select(n => n.OpType));
        }
        foreach (var conv in Ops(int8, "Conv"))
        {
            Assert.Equal("DequantizeLinear", ProducerOf(int8, conv.Inputs[0]).OpType);
            var weights = ProducerOf(int8, conv.Inputs[1]);
            Assert.Equal(ElementType.Int8, int8.Initializers[weights.Inputs[0]].ElementType);
            Assert.Equal(0, weights.GetInt("axis", 1));
            Assert.Equal(8, int8.Initializers[weights.Inputs[1]].ElementCount);
            Assert.Equal(ElementType.Int32, int8.Initializers[ProducerOf(int8, conv.Inputs[2]).Inputs[0]].ElementType);
        }
        var gemm = Ops(int8, "Gemm").Single();
        Assert.Equal("y", gemm.Outputs[0]);
        Assert.Equal("DequantizeLinear", ProducerOf(int8, gemm.Inputs[0]).OpType);
        Assert.Equal(2, plan.ComputeLayers.Count(l => l.FusedActivation is not null));

        var optimized = QuantGraphs.Optimized(int8);
        Assert.Equal(2, Ops(optimized, "QLinearConv").Length);
        Assert.Empty(optimized.Nodes.Where(n => n.OpType is "Conv" or "Relu" or "DequantizeLinear"));
        Assert.Single(Ops(optimized, "QGemm"));
        AssertCloseToFp32(fp32, int8);
    }

    [Fact]
    public void Clip6_after_a_conv_is_absorbed_with_its_bounds()
    {
        var m = new QuantGraphs();
        var fp32 = m.Head(m.Clip6(m.Conv(m.Relu(m.Conv("x", 3, 8)), 8, 8)), 8);
        var (int8, plan) = QuantGraphs.Quantize(fp32);
        var clip = Ops(int8, "Clip").Single();
        var q = int8.Consumers(clip.Outputs[0]).Single();
        var scale = int8.Initializers[q.Inputs[1]].ToFloatArray()[0];
        Assert.True(scale * 255 <= 6.0001f, "the Q range must not exceed the Clip's");
        Assert.Empty(Ops(QuantGraphs.Optimized(int8), "Clip"));
        Assert.Contains(plan.Layers, l => l.FusedActivation == clip.Name);
    }

    [Fact]
    public void Residual_add_takes_two_dequantized_inputs_and_absorbs_its_relu()
    {
        var m = new QuantGraphs();
        var a = m.Relu(m.Conv("x", 3, 8));
        var sum = m.Relu(m.Add(m.Conv(a, 8, 8), a));
        var fp32 = m.Head(m.Relu(m.Conv(sum, 8, 8)), 8);
        var (int8, _) = QuantGraphs.Quantize(fp32);

        var add = Ops(int8, "Add").Single();
        Assert.All(add.Inputs, i => Assert.Equal("DequantizeLinear", ProducerOf(int8, i).OpType));
        Assert.Equal("Relu", int8.Consumers(add.Outputs[0]).Single().OpType);
        var optimized = QuantGraphs.Optimized(int8);
        Assert.Single(Ops(optimized, "QLinearAdd"));
        Assert.Empty(optimized.Nodes.Where(n => n.OpType is "Add" or "Relu" or "DequantizeLinear"));
        AssertCloseToFp32(fp32, int8);
    }

    [Fact]
    public void Concat_inputs_share_the_output_scale()
    {
        var m = new QuantGraphs();
        var left = m.Relu(m.Conv("x", 3, 4));
        var right = m.Relu(m.Conv("x", 3, 4));
        var fp32 = m.Head(m.Relu(m.Conv(m.Concat(left, right), 8, 8)), 8);
        var (int8, _) = QuantGraphs.Quantize(fp32);

        var concat = Ops(int8, "Concat").Single();
        var scales = concat.Inputs.Select(i => ProducerOf(int8, i).Inputs[1])
            .Append(int8.Consumers(concat.Outputs[0]).Single().Inputs[1]).Distinct().ToList();
        Assert.Single(scales);
        var optimized = QuantGraphs.Optimized(int8);
        Assert.Single(Ops(optimized, "QLinearConcat"));
        Assert.Empty(Ops(optimized, "DequantizeLinear"));
        AssertCloseToFp32(fp32, int8);
    }

    [Fact]
    public void MaxPool_shares_its_input_scale_so_no_q_dq_pair_remains()
    {
        var m = new QuantGraphs();
        var pooled = m.MaxPool(m.Relu(m.Conv("x", 3, 8)));
        var fp32 = m.Head(m.Relu(m.Conv(pooled, 8, 8)), 8);
        var (int8, plan) = QuantGraphs.Quantize(fp32);

        var pool = Ops(int8, "MaxPool").Single();
        var dq = ProducerOf(int8, pool.Inputs[0]);
        var q = int8.Consumers(pool.Outputs[0]).Single();
        Assert.Equal(dq.Inputs[1], q.Inputs[1]);
        Assert.Equal(dq.Inputs[2], q.Inputs[2]);
        Assert.Contains(plan.Layers, l => l.OpType == "MaxPool" && l.Kind == QuantKind.PassThrough);
        var optimized = QuantGraphs.Optimized(int8);
        Assert.Empty(Ops(optimized, "DequantizeLinear"));
        Assert.Single(Ops(optimized, "QuantizeLinear"));
        AssertCloseToFp32(fp32, int8);
    }

    [Fact]
    public void ConvTranspose_the_target_cannot_run_becomes_an_fp32_island()
    {
        var m = new QuantGraphs();
        var a = m.Relu(m.Conv("x", 3, 8));
        var up = m.Relu(m.ConvTranspose(a, 8, 8));
        var fp32 = m.Head(m.Relu(m.Conv(up, 8, 8)), 8);
        var options = new QuantizeOptions { TargetVeto = n => n.OpType == "ConvTranspose" ? "no INT8 ConvTranspose on this target" : null };
        var (int8, plan) = QuantGraphs.Quantize(fp32, options);

        var deconv = Ops(int8, "ConvTranspose").Single();
        Assert.Equal("DequantizeLinear", ProducerOf(int8, deconv.Inputs[0]).OpType);
        Assert.True(int8.Initializers[deconv.Inputs[1]].ElementType == ElementType.Float, "its weights stay float");
        Assert.Equal("Relu", int8.Consumers(deconv.Outputs[0]).Single().OpType);
        var relu = int8.Consumers(deconv.Outputs[0]).Single();
        Assert.Equal(["QuantizeLinear"], int8.Consumers(relu.Outputs[0]).Select(n => n.OpType));
        Assert.Contains(plan.Fp32Layers, l => l.OpType == "ConvTranspose" && l.Reason.Contains("no INT8 ConvTranspose"));

        var optimized = QuantGraphs.Optimized(int8);
        Assert.Single(Ops(optimized, "ConvTranspose"));
        Assert.Equal(ElementType.Float, optimized.Initializers[Ops(optimized, "ConvTranspose").Single().Inputs[1]].ElementType);
        Assert.Equal(2, Ops(optimized, "QLinearConv").Length);
        AssertCloseToFp32(fp32, int8);
    }

    [Fact]
    public void A_conv_writing_a_graph_output_stays_fp32_and_its_input_is_dequantized()
    {
        var m = new QuantGraphs();
        var fp32 = m.Output(m.Conv(m.Relu(m.Conv("x", 3, 8)), 8, 2));
        var (int8, plan) = QuantGraphs.Quantize(fp32);
        var last = ProducerOf(int8, fp32.Outputs[0].Name);
        Assert.Equal("Conv", last.OpType);
        Assert.Equal(ElementType.Float, int8.Initializers[last.Inputs[1]].ElementType);
        Assert.Equal("DequantizeLinear", ProducerOf(int8, last.Inputs[0]).OpType);
        Assert.Contains(plan.Fp32Layers, l => l.Reason.Contains("graph output"));
        AssertCloseToFp32(fp32, int8);
    }

    [Fact]
    public void Shape_reads_the_quantized_tensor_so_no_dequantize_runs_for_it()
    {
        var m = new QuantGraphs();
        var a = m.Relu(m.Conv("x", 3, 8));
        var shape = m.Node("Shape", [a], "shape");
        m.Head(m.Relu(m.Conv(a, 8, 8)), 8);
        var fp32 = m.Output(shape);
        var (int8, _) = QuantGraphs.Quantize(fp32);
        var node = int8.Nodes.Single(n => n.OpType == "Shape");
        Assert.Equal("QuantizeLinear", ProducerOf(int8, node.Inputs[0]).OpType);
    }

    [Fact]
    public void Kept_layers_per_tensor_weights_and_int8_activations_follow_the_options()
    {
        var m = new QuantGraphs();
        var fp32 = m.Head(m.Relu(m.Conv(m.Relu(m.Conv("x", 3, 8, name: "first")), 8, 8, name: "second")), 8);
        var (int8, plan) = QuantGraphs.Quantize(fp32, new QuantizeOptions
        {
            KeepFp32 = new HashSet<string> { "first" },
            PerChannel = false,
            ActivationType = ElementType.Int8,
        });
        Assert.Contains(plan.Fp32Layers, l => l.Node == "first" && l.Reason.Contains("request"));
        var second = int8.FindNode("second")!;
        var weights = ProducerOf(int8, second.Inputs[1]);
        Assert.False(weights.Attributes.ContainsKey("axis"));
        Assert.Equal(1, int8.Initializers[weights.Inputs[1]].ElementCount);
        var relu = int8.Consumers(second.Outputs[0]).Single();
        var q = int8.Consumers(relu.Outputs[0]).Single();
        Assert.Equal(ElementType.Int8, int8.Initializers[q.Inputs[2]].ElementType);
        Assert.Equal(-128, int8.Initializers[q.Inputs[2]].ToInt64Array()[0]);
        AssertCloseToFp32(fp32, int8);
    }

    [Fact]
    public void A_conv_kept_fp32_between_int8_layers_stays_fp32_in_onnx_runtime()
    {
        var m = new QuantGraphs();
        var a = m.Relu(m.Conv("x", 3, 8, name: "a"));
        var kept = m.Relu(m.Conv(a, 8, 8, name: "kept"));
        var fp32 = m.Head(m.Relu(m.Conv(kept, 8, 8, name: "c")), 8);
        var (int8, _) = QuantGraphs.Quantize(fp32, new QuantizeOptions { KeepFp32 = new HashSet<string> { "kept" } });

        var dq = ProducerOf(int8, int8.FindNode("kept")!.Inputs[0]);
        Assert.Equal("DequantizeLinear", dq.OpType);
        Assert.Equal(1, dq.GetInt("axis", 0));
        Assert.Equal(8, int8.Initializers[dq.Inputs[1]].ElementCount);
        // ONNX Runtime would quantize the weights of a layer between a per-tensor DQ and a Q (WeightBiasQuantization).
        var optimized = QuantGraphs.Optimized(int8);
        Assert.Equal(2, Ops(optimized, "QLinearConv").Length);
        var conv = optimized.Nodes.Single(n => n.OpType is "Conv" or "FusedConv");
        Assert.Equal(ElementType.Float, optimized.Initializers[conv.Inputs[1]].ElementType);
        AssertCloseToFp32(fp32, int8);
    }

    [Fact]
    public void Integer_shape_arithmetic_is_not_a_candidate()
    {
        var m = new QuantGraphs();
        var a = m.Relu(m.Conv("x", 3, 8));
        var s = m.Node("Shape", [a], "shape");
        m.Node("Concat", [s, s], "shape_concat", ("axis", new IntAttribute(0)));
        var fp32 = m.Head(m.Relu(m.Conv(a, 8, 8)), 8);
        var plan = QuantizationPlan.Build(fp32);
        Assert.DoesNotContain(plan.Fp32Layers, l => l.OpType == "Concat");
        Assert.DoesNotContain(plan.Layers, l => l.OpType == "Concat");
    }
}
