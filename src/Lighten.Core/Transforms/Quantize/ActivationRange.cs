namespace Lighten.Core.Transforms.Quantize;

/// <summary>The real-valued range an activation tensor is quantized over, as chosen by a calibrator.</summary>
/// <param name="Min">The lowest value kept (values below saturate).</param>
/// <param name="Max">The highest value kept (values above saturate).</param>
public sealed record ActivationRange(float Min, float Max)
{
    /// <summary>The smallest range covering both.</summary>
    public ActivationRange Union(ActivationRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    /// <inheritdoc/>
    public override string ToString() => $"[{Min:G5}, {Max:G5}]";
}
