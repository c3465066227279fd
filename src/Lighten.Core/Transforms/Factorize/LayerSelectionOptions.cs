namespace Lighten.Core.Transforms.Factorize;

/// <summary>Options of <see cref="SelectHeavyLayers"/>.</summary>
public sealed record LayerSelectionOptions
{
    /// <summary>The share of the model's MACs above which a layer is selected when neither a threshold nor layers are given.</summary>
    public const double DefaultThreshold = 0.10;

    /// <summary>
    /// Layers to select: node names, or the op types <c>Conv</c> and <c>ConvTranspose</c> meaning every such layer.
    /// Empty: select by <see cref="Threshold"/>.
    /// </summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>
    /// Select layers holding at least this share (0 to 1) of the model's MACs. With <see cref="Layers"/> it further
    /// filters them; null means <see cref="DefaultThreshold"/> without layers and no filter with them.
    /// </summary>
    public double? Threshold { get; init; }

    /// <summary>Input shapes to fix for the MAC count, by input name; other symbolic dimensions count as 1.</summary>
    public IReadOnlyDictionary<string, long[]> InputShapes { get; init; } = new Dictionary<string, long[]>();
}
