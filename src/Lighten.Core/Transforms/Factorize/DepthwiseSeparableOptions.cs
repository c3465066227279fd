namespace Lighten.Core.Transforms.Factorize;

/// <summary>Options of <see cref="DecomposeDepthwiseSeparable"/>.</summary>
public sealed record DepthwiseSeparableOptions : LayerRewriteOptions
{
    /// <summary>The depthwise channel multiplier m (1 ≤ m ≤ kernel area): the depthwise conv writes c_in · m channels.</summary>
    public int Multiplier { get; init; } = 1;
}
