using Lighten.Core;

namespace Lighten.Core.Tests.IR;

public class TensorDataTests
{
    [Fact]
    public void Float_data_round_trips_through_raw_bytes()
    {
        var t = TensorData.FromFloats([2, 2], [1f, -2.5f, 3f, 0f]);
        Assert.Equal(ElementType.Float, t.ElementType);
        Assert.Equal(16, t.ByteCount);
        Assert.Equal([1f, -2.5f, 3f, 0f], t.AsSpan<float>().ToArray());
        Assert.Equal("2x2", t.Shape.ToString());
    }

    [Fact]
    public void Conversions_between_supported_types()
    {
        Assert.Equal([1L, -2L, 3L], TensorData.FromFloats([3], [1.7f, -2.2f, 3f]).ToInt64Array());
        Assert.Equal([0.5f, -1f], TensorData.FromHalves([2], [(Half)0.5f, (Half)(-1f)]).ToFloatArray());
        Assert.Equal([-128L, 127L], TensorData.FromInt8s([2], [-128, 127]).ToInt64Array());
        Assert.Equal([255L, 0L], TensorData.FromUInt8s([2], [255, 0]).ToInt64Array());
        Assert.Equal([1L, 0L], TensorData.FromBools([2], [true, false]).ToInt64Array());
        Assert.Equal([7f], TensorData.FromInt32s([1], [7]).CastTo(ElementType.Float).AsSpan<float>().ToArray());
    }

    [Fact]
    public void A_size_mismatch_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorData(ElementType.Float, [2, 3], new byte[20]));
        Assert.Contains("24 bytes", e.Message);
    }

    [Fact]
    public void Scalars_have_one_element() =>
        Assert.Equal(1, TensorData.FromInt64s([], [42]).ElementCount);
}
