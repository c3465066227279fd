using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Transforms.Quantize;
using Lighten.Runtime.Calibration;
using Xunit.Abstractions;

namespace Lighten.Runtime.Tests.Calibration;

/// <summary>
/// INT8 against FP32 on the small classifiers of tests/data: calibrated on 64 seeded smooth synthetic images (seed 1) and
/// compared on 200 others (seed 2), with every layer ONNX Runtime fuses in INT8 (no host timing, which would make the
/// outcome depend on the machine).
/// </summary>
public class ClassifierAgreementTests(ITestOutputHelper output)
{
    private const int Tested = 200;

    /// <summary>
    /// The models as they are. They are untrained: every smooth image gets the same class in FP32, so this agreement is
    /// necessary but weak evidence; the trained-like test below is the informative one.
    /// </summary>
    [Theory]
    [InlineData("mobilenet_v2_w035_c10_96.onnx")]
    [InlineData("shufflenet_v2_x0_5_c10_96.onnx")]
    [InlineData("mobilenet_v3_small_c10_96.onnx")]
    public void Int8_top1_agrees_with_fp32_on_at_least_98_percent(string file)
    {
        var graph = Optimize.Run(OnnxImporter.Load(TestFiles.Data(file))).Graph;
        var (agree, classes, _) = Compare(graph, file);
        Assert.True(agree >= 0.98 * Tested, $"{agree} of {Tested} agree");
        Assert.True(classes >= 1);
    }

    /// <summary>
    /// The models made trained-like (<see cref="TrainedLike"/>: smooth features, a classifier on their principal directions,
    /// ten classes all predicted). They stay far more sensitive than trained networks: rounding only the input to uint8
    /// already changes 3-12% of their FP32 answers, which bounds what any INT8 model can reach; INT8 (which also rounds every
    /// activation, 50 times over) must stay within 20 points of that bound.
    /// </summary>
    [Theory]
    [InlineData("mobilenet_v2_w035_c10_96.onnx")]
    [InlineData("shufflenet_v2_x0_5_c10_96.onnx")]
    [InlineData("mobilenet_v3_small_c10_96.onnx")]
    public void On_trained_like_models_int8_stays_near_the_input_rounding_bound(string file)
    {
        var (agree, classes, bound) = Compare(TrainedLike.Load(file), file);
        Assert.True(classes >= 8, $"the FP32 model gives only {classes} classes");
        Assert.True(agree >= bound - 0.20 * Tested, $"{agree} of {Tested} agree; rounding the input alone leaves {bound}");
    }

    private (int Agree, int Classes, int Bound) Compare(Graph graph, string file)
    {
        var result = PostTrainingQuantizer.Run(graph, new SyntheticCalibrationSource(96, 96, 64, seed: 1));
        var test = new SyntheticCalibrationSource(96, 96, Tested, seed: 2);
        var fp32 = Top1(graph, test);
        var int8 = Top1(result.Graph, test);
        var input = QuantParams.ForRange(new PercentileCalibrator().Range(result.Calibration.Tensors[graph.Inputs[0].Name], ElementType.UInt8), ElementType.UInt8);
        var rounded = Top1(graph, test, v => input.Dequantize(input.Quantize(v)));
        int agree = fp32.Zip(int8).Count(p => p.First == p.Second), bound = fp32.Zip(rounded).Count(p => p.First == p.Second);
        output.WriteLine($"{file}: INT8 agrees on {agree}/{Tested}; FP32 on a uint8-rounded input on {bound}/{Tested}; " +
            $"{fp32.Distinct().Count()} FP32 classes; {result.Int8Layers}/{result.Layers.Length} layers INT8");
        return (agree, fp32.Distinct().Count(), bound);
    }

    private static int[] Top1(Graph graph, CalibrationSource source, Func<float, float>? map = null) =>
        TopClasses.Of(OnnxExporter.ToBytes(graph), source, map);
}
