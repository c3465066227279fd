namespace Lighten.Core.Transforms.Quantize;

/// <summary>
/// Symmetric int8 weight quantization per output channel (or per tensor) and int32 bias quantization with
/// scale = input scale × weight scale, zero point 0, so that the integer accumulator needs no rescaling before the bias.
/// </summary>
public static class WeightQuantizer
{
    /// <summary>
    /// Quantizes <paramref name="weights"/> with one symmetric scale per slice along <paramref name="axis"/> (null: one
    /// scale for the whole tensor) and <paramref name="bias"/> (one value per output channel) to int32. Output channel
    /// <c>c</c> uses weight scale <c>c mod scales</c>, which covers Conv (axis 0), Gemm and grouped ConvTranspose (axis 1).
    /// A scale is widened where the bias would not fit in int32.
    /// </summary>
    public static QuantizedWeights Quantize(TensorData weights, int? axis, TensorData? bias, float inputScale)
    {
        if (!weights.ElementType.IsFloat()) throw new ArgumentException($"weights are {weights.ElementType}, not float");
        if (!(inputScale > 0)) throw new ArgumentException($"the input scale must be positive, got {inputScale}");
        var w = weights.ToFloatArray();
        var dims = weights.Dims;
        int channels = axis is int a ? (int)dims[a] : 1;
        long inner = 1;
        if (axis is int ax) for (int d = ax + 1; d < dims.Length; d++) inner *= dims[d];
        int ChannelOf(long i) => axis is null ? 0 : (int)(i / inner % channels);

        var absMax = new float[channels];
        for (long i = 0; i < w.LongLength; i++) absMax[ChannelOf(i)] = Math.Max(absMax[ChannelOf(i)], Math.Abs(w[i]));
        var scales = absMax.Select(m => QuantParams.Symmetric(m).Scale).ToArray();

        float[]? b = bias?.ToFloatArray();
        int widened = 0;
        if (b is not null)
        {
            for (int c = 0; c < b.Length; c++)
            {
                int k = c % channels;
                double needed = Math.Abs((double)b[c]) / (inputScale * (double)int.MaxValue);
                if (scales[k] < needed)
                {
                    scales[k] = (float)(needed * 1.0001);
                    widened++;
                }
            }
        }

        var q = new sbyte[w.LongLength];
        for (long i = 0; i < w.LongLength; i++)
            q[i] = (sbyte)new QuantParams(scales[ChannelOf(i)], 0, ElementType.Int8).Quantize(w[i]);

        TensorData? qBias = null;
        float[]? biasScales = null;
        if (b is not null)
        {
            biasScales = axis is null ? [inputScale * scales[0]] : [.. Enumerable.Range(0, b.Length).Select(c => inputScale * scales[c % channels])];
            var qb = new int[b.Length];
            for (int c = 0; c < b.Length; c++)
                qb[c] = new QuantParams(biasScales[axis is null ? 0 : c], 0, ElementType.Int32).Quantize(b[c]);
            qBias = TensorData.FromInt32s(bias!.Dims, qb);
        }
        return new QuantizedWeights(TensorData.FromInt8s(dims, q), scales, axis, qBias, biasScales, widened);
    }
}
