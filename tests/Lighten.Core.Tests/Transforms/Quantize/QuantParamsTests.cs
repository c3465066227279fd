using Lighten.Core.Transforms.Quantize;

namespace Lighten.Core.Tests.Transforms.Quantize;

public class QuantParamsTests
{
    [Fact]
    public void Asymmetric_uint8_range_has_the_hand_computed_scale_and_nudged_zero_point()
    {
        var p = QuantParams.ForRange(-1, 3, ElementType.UInt8);
        Assert.Equal(4f / 255, p.Scale, 6);
        Assert.Equal(64, p.ZeroPoint); // 0 - (-1) / (4/255) = 63.75, rounded
        Assert.Equal(64, p.Quantize(0));
        Assert.Equal(0, p.Quantize(-1));
        Assert.Equal(255, p.Quantize(3));
        Assert.Equal(0f, p.Dequantize(64));
    }

    [Fact]
    public void A_relu_range_starts_at_the_lowest_integer()
    {
        Assert.Equal(0, QuantParams.ForRange(0, 6, ElementType.UInt8).ZeroPoint);
        Assert.Equal(-128, QuantParams.ForRange(0, 6, ElementType.Int8).ZeroPoint);
        Assert.Equal(6f / 255, QuantParams.ForRange(0, 6, ElementType.Int8).Scale, 6);
    }

    [Fact]
    public void Ranges_are_widened_to_include_zero()
    {
        var positive = QuantParams.ForRange(2, 5, ElementType.UInt8);
        Assert.Equal(5f / 255, positive.Scale, 6);
        Assert.Equal(0, positive.ZeroPoint);
        var negative = QuantParams.ForRange(-4, -1, ElementType.UInt8);
        Assert.Equal(255, negative.ZeroPoint);
        Assert.Equal(0f, negative.Dequantize(negative.Quantize(0)));
    }

    [Fact]
    public void Rounding_is_half_to_even_and_saturates()
    {
        var p = QuantParams.ForRange(0, 255, ElementType.UInt8);
        Assert.Equal(1f, p.Scale);
        Assert.Equal(2, p.Quantize(2.5f));
        Assert.Equal(4, p.Quantize(3.5f));
        Assert.Equal(255, p.Quantize(1000));
        Assert.Equal(0, p.Quantize(-7));
    }

    [Fact]
    public void Symmetric_weights_use_127_steps_and_zero_point_0()
    {
        var p = QuantParams.Symmetric(2.54f);
        Assert.Equal(0.02f, p.Scale, 6);
        Assert.Equal(0, p.ZeroPoint);
        Assert.Equal(-127, p.Quantize(-2.54f));
        Assert.Equal(127, p.Quantize(2.54f));
        Assert.Equal(1f, QuantParams.Symmetric(0).Scale);
    }

    [Fact]
    public void An_empty_range_gets_scale_1()
    {
        var p = QuantParams.ForRange(0, 0, ElementType.UInt8);
        Assert.Equal(1f, p.Scale);
        Assert.Equal(0, p.Quantize(0));
    }
}
