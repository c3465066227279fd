using Lighten.Core.Transforms.Quantize;

namespace Lighten.Core.Tests.Transforms.Quantize;

public class WeightQuantizerTests
{
    // Conv weights [Cout=2, Cin=1, 1, 2]: channel 0 holds 1 and -0.5, channel 1 holds 0.2 and 0.1.
    private static readonly TensorData Weights = TensorData.FromFloats([2, 1, 1, 2], [1f, -0.5f, 0.2f, 0.1f]);

    [Fact]
    public void Per_channel_weights_get_one_symmetric_scale_per_output_channel()
    {
        var q = WeightQuantizer.Quantize(Weights, 0, null, 0.5f);
        Assert.Equal([1f / 127, 0.2f / 127], q.Scales);
        // -0.5 / (1/127) = -63.5 and 0.1 / (0.2/127) = 63.5 round half to even.
        Assert.Equal([127, -64, 127, 64], q.Values.AsSpan<sbyte>().ToArray().Select(v => (int)v));
        Assert.Equal(0, q.Axis);
        Assert.Null(q.Bias);
    }

    [Fact]
    public void Per_tensor_weights_share_one_scale()
    {
        var q = WeightQuantizer.Quantize(Weights, null, null, 0.5f);
        Assert.Equal([1f / 127], q.Scales);
        Assert.Equal([127, -64, 25, 13], q.Values.AsSpan<sbyte>().ToArray().Select(v => (int)v));
        Assert.Null(q.Axis);
    }

    [Fact]
    public void Bias_is_int32_with_input_scale_times_weight_scale()
    {
        var bias = TensorData.FromFloats([2], [1f, -0.3f]);
        var q = WeightQuantizer.Quantize(Weights, 0, bias, 0.5f);
        Assert.Equal([0.5f * (1f / 127), 0.5f * (0.2f / 127)], q.BiasScales!);
        // 1 / (0.5/127) = 254; -0.3 / (0.5 * 0.2/127) = -381.
        Assert.Equal([254, -381], q.Bias!.AsSpan<int>().ToArray());
        Assert.Equal(ElementType.Int32, q.Bias.ElementType);
    }

    [Fact]
    public void ConvTranspose_weights_take_scales_along_axis_1()
    {
        // [Cin=2, Cout=3, 1, 1]: output channel c holds elements c and 3 + c.
        var w = TensorData.FromFloats([2, 3, 1, 1], [1f, 2f, 4f, -1f, -8f, 0.5f]);
        var q = WeightQuantizer.Quantize(w, 1, TensorData.FromFloats([3], [0f, 0f, 0f]), 1f);
        Assert.Equal([1f / 127, 8f / 127, 4f / 127], q.Scales);
        Assert.Equal(3, q.BiasScales!.Length);
    }

    [Fact]
    public void A_scale_too_small_for_the_bias_is_widened_until_the_bias_fits_in_int32()
    {
        var w = TensorData.FromFloats([1, 1, 1, 1], [1e-6f]);
        var q = WeightQuantizer.Quantize(w, 0, TensorData.FromFloats([1], [1000f]), 1e-3f);
        Assert.Equal(1, q.WidenedChannels);
        int b = q.Bias!.AsSpan<int>()[0];
        Assert.InRange(b, int.MaxValue - int.MaxValue / 1000, int.MaxValue);
        Assert.Equal(1000, b * (double)q.BiasScales![0], 1);
    }
}
