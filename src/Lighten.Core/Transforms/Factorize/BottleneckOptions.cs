namespace Lighten.Core.Transforms.Factorize;

/// <summary>Options of <see cref="InsertBottleneck"/>.</summary>
public sealed record BottleneckOptions : LayerRewriteOptions
{
    /// <summary>The bottleneck's channel count r: fixed (capped at the layer's input channels) or from an energy share.</summary>
    public required RankChoice Rank { get; init; }
}
