namespace Lighten.Core.Transforms.Quantize;

/// <summary>
/// An affine map between reals and integers, per Jacob et al. (2018): <c>real = Scale × (q − ZeroPoint)</c>,
/// with <c>q</c> an integer of <see cref="Type"/> (uint8, int8 or int32) and the zero point chosen so that 0 is exact.
/// </summary>
/// <param name="Scale">The real value of one integer step (positive).</param>
/// <param name="ZeroPoint">The integer that stands for real 0.</param>
/// <param name="Type">The integer element type.</param>
public readonly record struct QuantParams(float Scale, int ZeroPoint, ElementType Type)
{
    /// <summary>The smallest integer of <paramref name="type"/>.</summary>
    public static int MinOf(ElementType type) => type switch
    {
        ElementType.UInt8 => 0,
        ElementType.Int8 => -128,
        ElementType.Int32 => int.MinValue,
        _ => throw new ArgumentException($"{type} is not a quantized integer type"),
    };

    /// <summary>The largest integer of <paramref name="type"/>.</summary>
    public static int MaxOf(ElementType type) => type switch
    {
        ElementType.UInt8 => 255,
        ElementType.Int8 => 127,
        ElementType.Int32 => int.MaxValue,
        _ => throw new ArgumentException($"{type} is not a quantized integer type"),
    };

    /// <summary>The smallest integer this map produces.</summary>
    public int QMin => MinOf(Type);

    /// <summary>The largest integer this map produces.</summary>
    public int QMax => MaxOf(Type);

    /// <summary>
    /// Asymmetric parameters covering [<paramref name="min"/>, <paramref name="max"/>] widened to include 0: the scale
    /// spreads the range over every integer step and the zero point is rounded ("nudged") to an integer, so 0 (padding,
    /// a ReLU's floor) is represented exactly. A range of zero width gets scale 1.
    /// </summary>
    public static QuantParams ForRange(float min, float max, ElementType type)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || min > max)
            throw new ArgumentException($"cannot quantize the range [{min}, {max}]");
        double lo = Math.Min(min, 0.0), hi = Math.Max(max, 0.0);
        int qmin = MinOf(type), qmax = MaxOf(type);
        double scale = (hi - lo) / ((double)qmax - qmin);
        if (!(scale > 0) || (float)scale == 0) return new QuantParams(1f, lo < 0 ? qmax : qmin, type);
        double zero = qmin - lo / scale;
        int zp = (int)Math.Clamp(Math.Round(zero, MidpointRounding.ToEven), qmin, qmax);
        return new QuantParams((float)scale, zp, type);
    }

    /// <summary>Asymmetric parameters for <paramref name="range"/> (see <see cref="ForRange(float, float, ElementType)"/>).</summary>
    public static QuantParams ForRange(ActivationRange range, ElementType type) => ForRange(range.Min, range.Max, type);

    /// <summary>
    /// Symmetric int8 parameters for values within ±<paramref name="absMax"/>: zero point 0 and the narrow range
    /// [−127, 127], so negating a weight never overflows. An all-zero tensor gets scale 1.
    /// </summary>
    public static QuantParams Symmetric(float absMax)
    {
        if (!float.IsFinite(absMax) || absMax < 0) throw new ArgumentException($"cannot quantize weights of magnitude {absMax}");
        float scale = absMax / 127f;
        return new QuantParams(scale > 0 ? scale : 1f, 0, ElementType.Int8);
    }

    /// <summary>The integer for <paramref name="value"/>: round half to even, then saturate (ONNX QuantizeLinear).</summary>
    public int Quantize(float value)
    {
        double q = Math.Round(value / (double)Scale, MidpointRounding.ToEven) + ZeroPoint;
        return (int)Math.Clamp(q, QMin, QMax);
    }

    /// <summary>The real value <paramref name="q"/> stands for.</summary>
    public float Dequantize(int q) => (float)(Scale * ((double)q - ZeroPoint));

    /// <inheritdoc/>
    public override string ToString() => $"scale {Scale:G6} zero point {ZeroPoint} ({Type})";
}
