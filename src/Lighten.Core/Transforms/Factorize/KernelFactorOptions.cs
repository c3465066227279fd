namespace Lighten.Core.Transforms.Factorize;

/// <summary>Options of <see cref="FactorizeKernel"/>.</summary>
public sealed record KernelFactorOptions : LayerRewriteOptions
{
    /// <summary>The channel count r between the k×1 and the 1×k convolution; by default the rank keeping 99 % of the energy.</summary>
    public RankChoice Rank { get; init; } = RankChoice.OfEnergy(0.99);
}
