using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Training.Native;
using Lighten.Training.Tests.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Lighten.Training.Tests;

/// <summary>Mixed precision in GraphModule: bfloat16 forward and backward, float32 master weights and BatchNorm statistics.</summary>
public class GraphModuleMixedPrecisionTests
{
    private static Tensor Images(long batch, long size, int seed)
    {
        var generator = new Generator((ulong)seed);
        return rand([batch, 3, size, size], generator: generator);
    }

    private static double RelativeError(Tensor expected, Tensor actual) =>
        (expected - actual).norm().item<float>() / expected.norm().item<float>();

    [Fact]
    public void Bf16_steps_lower_the_loss_and_parameters_stay_float32()
    {
        using var scope = NewDisposeScope();
        using var module = new GraphModule(TinyNet.Classifier(classes: 3, size: 16, seed: 1)) { MixedPrecision = MixedPrecision.Bf16 };
        var x = Images(6, 16, seed: 4);
        var y = tensor(new long[] { 0, 1, 2, 0, 1, 2 });
        var statistics = module.ValueOf("conv1.bn.running_mean").clone();
        using var optimizer = optim.SGD(module.parameters(), 0.1, momentum: 0.9);
        module.train();
        var losses = new List<double>();
        for (int step = 0; step < 12; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var logits = module.forward(x);
            Assert.Equal(ScalarType.Float32, logits.dtype);
            var loss = nn.functional.cross_entropy(logits, y);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        Assert.True(losses[^1] < losses[0] * 0.7, $"loss went from {losses[0]:g3} to {losses[^1]:g3}");
        Assert.All(module.parameters(), p =>
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.Equal(ScalarType.Float32, p.grad!.dtype);
        });
        Assert.All(module.buffers(), b => Assert.Equal(ScalarType.Float32, b.dtype));
        Assert.False(statistics.allclose(module.ValueOf("conv1.bn.running_mean")), "BatchNorm running statistics moved");
        Assert.All(module.ToGraph().Initializers.Values, t => Assert.Equal(ElementType.Float, t.ElementType));
    }

    /// <summary>
    /// Where the probe found BF16 gradients right (every machine so far, once the safe mode is in force), they are close to
    /// FP32's; where it found them wrong, asking for BF16 is refused instead of training on wrong gradients.
    /// </summary>
    [Fact]
    public void Bf16_gradients_are_close_to_fp32_gradients_but_computed_in_bf16()
    {
        using var scope = NewDisposeScope();
        var graph = TinyNet.Classifier(classes: 3, size: 16, seed: 2);
        if (!NativeEngine.Current!.Bf16Allowed)
        {
            using var refused = new GraphModule(graph);
            Assert.Throws<NativeEngineException>(() => refused.MixedPrecision = MixedPrecision.Bf16);
            return;
        }
        var x = Images(4, 16, seed: 5);
        var y = tensor(new long[] { 0, 1, 2, 1 });
        Tensor Gradient(MixedPrecision mode)
        {
            using var module = new GraphModule(graph) { MixedPrecision = mode };
            module.train();
            nn.functional.cross_entropy(module.forward(x), y).backward();
            return module.ValueOf("conv1.weight").grad!.clone().DetachFromDisposeScope();
        }
        using var fp32 = Gradient(MixedPrecision.Off);
        using var bf16 = Gradient(MixedPrecision.Bf16);
        double error = RelativeError(fp32, bf16);
        Assert.InRange(error, 1e-5, 0.1);
    }

    [Fact]
    public void Bf16_is_refused_with_the_kernel_and_error_where_the_probe_found_it_wrong()
    {
        var cpu = CpuInspector.Inspect();
        var key = new ProbeKey("cpu", "hash", "libtorch", "lighten", "");
        CandidateResult Ran(string remedy, double bf16) => new(remedy, "ok", null, null, 1e-7, bf16, "strided depthwise 3×3 convolution", 10, null);
        var verdict = new ProbeVerdict(key, "sliced-strided-1x1", "ran", [Ran("sliced-strided-1x1", 0.969), Ran("onednn-avx", 0.0034)],
            new Bf16Verdict(false, 0.969, "strided depthwise 3×3 convolution"), DateTime.UnixEpoch, 1);
        var refusal = new NativeEngineState(NativeRemedy.SlicedStrided1x1, "cached", "ran", verdict, null, cpu).Bf16Refusal();
        Assert.NotNull(refusal);
        Assert.Equal(NativeEngineException.ExitCode, 5);
        Assert.StartsWith("option 'mixed-precision' bf16: BF16 gradients are wrong on this CPU with the sliced-strided-1x1 kernels (strided depthwise 3×3 convolution: relative error 0.969", refusal.Message);
        Assert.EndsWith("train in FP32, or LIGHTEN_NATIVE_REMEDY=onednn-avx computes them right (onednn-avx: 0.0034)", refusal.Message);
        var fine = verdict with { Bf16 = new Bf16Verdict(true, 0.004, "linear") };
        Assert.Null(new NativeEngineState(NativeRemedy.Default, "cached", "ran", fine, null, cpu).Bf16Refusal());
    }

    /// <summary>
    /// bfloat16 keeps 8 significant bits (relative rounding 2⁻⁹ ≈ 0.2%); after 50-odd layers of MobileNetV3-Small (hard-swish,
    /// squeeze-excitation, residual adds) the logits stay within a few percent of FP32, and the FP32 forward stays exact.
    /// </summary>
    [Theory]
    [InlineData("mobilenet_v3_small_c10_96.onnx", 0.05)]
    [InlineData("tiny_pose_resnet_64.onnx", 0.05)]
    public void Bf16_forward_is_close_to_fp32(string file, double bound)
    {
        using var scope = NewDisposeScope();
        var graph = OnnxImporter.Load(OrtRunner.TestModel(file));
        using var module = new GraphModule(graph);
        module.eval();
        var size = graph.Inputs[0].Shape!.Dims[3].Value!.Value;
        var x = Images(2, size, seed: 6);
        using var noGrad = no_grad();
        var fp32 = module.forward(x);
        module.MixedPrecision = MixedPrecision.Bf16;
        var bf16 = module.forward(x);
        Assert.Equal(ScalarType.Float32, bf16.dtype);
        double error = RelativeError(fp32, bf16);
        Assert.InRange(error, 1e-5, bound);
        module.MixedPrecision = MixedPrecision.Off;
        Assert.True(module.forward(x).allclose(fp32, rtol: 0, atol: 0), "switching back gives the FP32 forward");
    }
}
