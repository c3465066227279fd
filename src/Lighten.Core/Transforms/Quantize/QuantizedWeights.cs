namespace Lighten.Core.Transforms.Quantize;

/// <summary>A layer's weights (and bias) as integers with their scales, ready for DequantizeLinear nodes.</summary>
/// <param name="Values">The int8 weights, shaped as the float weights.</param>
/// <param name="Scales">One scale per slice along <see cref="Axis"/>, or a single scale when per tensor.</param>
/// <param name="Axis">The axis the scales run along, or null for one scale per tensor.</param>
/// <param name="Bias">The int32 bias (zero point 0), or null when the layer has none.</param>
/// <param name="BiasScales">The bias scales: input scale × the weight scale of each output channel (one value when per tensor).</param>
/// <param name="WidenedChannels">Weight slices whose scale was widened so the bias fits in int32.</param>
public sealed record QuantizedWeights(TensorData Values, float[] Scales, int? Axis, TensorData? Bias, float[]? BiasScales, int WidenedChannels);
