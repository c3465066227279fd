using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Runtime.Calibration;

namespace Lighten.Runtime.Tests.Calibration;

/// <summary>
/// The QDQ models of the test networks as ONNX Runtime rewrites them (SessionOptions.OptimizedModelFilePath): every INT8
/// convolution becomes a QLinearConv and no DequantizeLinear → QuantizeLinear pair is left between fused ops.
/// </summary>
public class OrtFusionTests
{
    [Theory]
    [InlineData("mobilenet_v2_w035_c10_96.onnx", 0)]
    [InlineData("shufflenet_v2_x0_5_c10_96.onnx", 1)]
    [InlineData("mobilenet_v3_small_c10_96.onnx", 28)]
    [InlineData("tiny_pose_resnet_64.onnx", 1)]
    public void Quantized_convolutions_fuse_into_qlinearconv_with_no_dq_q_pairs(string file, int fp32Islands)
    {
        var graph = Optimize.Run(OnnxImporter.Load(TestFiles.Data(file))).Graph;
        var input = graph.Inputs[0].Shape!;
        var source = new SyntheticCalibrationSource((int)input.Dims[3].Value!, (int)input.Dims[2].Value!, 8, seed: 1);
        var result = PostTrainingQuantizer.Run(graph, source);
        var optimized = OrtOptimized.Of(result.Graph);

        int int8Convs = result.Layers.Count(l => l.Int8 && l.OpType == "Conv");
        Assert.Equal(int8Convs, optimized.Nodes.Count(n => n.OpType == "QLinearConv"));
        Assert.Equal(result.Layers.Count(l => !l.Int8 && l.OpType == "Conv"), optimized.Nodes.Count(n => n.OpType is "Conv" or "FusedConv"));
        foreach (var dq in optimized.Nodes.Where(n => n.OpType == "DequantizeLinear"))
            Assert.DoesNotContain(optimized.Consumers(dq.Outputs[0]), c => c.OpType == "QuantizeLinear");
        // What remains dequantized feeds the FP32 islands: MobileNetV3's HardSigmoid/HardSwish, the pose head's
        // output Conv (its ConvTransposes run as sub-pixel QLinearConvs), ShuffleNet's final ReduceMean.
        Assert.Equal(fp32Islands, optimized.Nodes.Count(n => n.OpType == "DequantizeLinear" && !optimized.Initializers.ContainsKey(n.Inputs[0])));
    }
}
