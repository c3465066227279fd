using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>The result of <see cref="SelectHeavyLayers.Run"/>: every Conv and ConvTranspose ranked by MACs, heaviest first.</summary>
/// <param name="TotalMacs">The model's MACs at the selection's input shapes.</param>
/// <param name="Ranked">Conv and ConvTranspose layers by descending MACs (ties in graph order).</param>
public sealed record LayerSelection(long TotalMacs, ImmutableArray<RankedLayer> Ranked)
{
    /// <summary>The selected layers, heaviest first.</summary>
    public ImmutableArray<RankedLayer> Selected => [.. Ranked.Where(l => l.IsSelected)];

    /// <summary>The selected layers' node names, heaviest first.</summary>
    public ImmutableArray<string> SelectedNames => [.. Selected.Select(l => l.Name)];
}
