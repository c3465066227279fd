namespace Lighten.Core.Transforms.Factorize;

/// <summary>Options of <see cref="FactorizeConvolutions.Run"/>: which layers, and which factorizations (at least one).</summary>
public sealed record FactorizeOptions
{
    /// <summary>Which layers to act on.</summary>
    public LayerSelectionOptions Selection { get; init; } = new();

    /// <summary>Depthwise-separable decomposition of k×k Convs; null: off. Tried first on each layer.</summary>
    public DepthwiseSeparableOptions? DepthwiseSeparable { get; init; }

    /// <summary>Kernel factorization (k×k → k×1, 1×k); null: off. Tried second.</summary>
    public KernelFactorOptions? Kernel { get; init; }

    /// <summary>Channel bottleneck before the layer; null: off. Tried last, so it takes the layers the others cannot (such as ConvTranspose).</summary>
    public BottleneckOptions? Bottleneck { get; init; }
}
