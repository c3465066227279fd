namespace Lighten.Core.Transforms.Factorize;

/// <summary>Why <see cref="SelectHeavyLayers"/> selected a layer.</summary>
public enum SelectionReason
{
    /// <summary>Not selected.</summary>
    None,

    /// <summary>Its share of the MACs reaches the threshold.</summary>
    Threshold,

    /// <summary>Its op type was given.</summary>
    OpType,

    /// <summary>Its node name was given.</summary>
    Name,
}

/// <summary>A Conv or ConvTranspose with its cost.</summary>
/// <param name="Name">Node name.</param>
/// <param name="OpType"><c>Conv</c> or <c>ConvTranspose</c>.</param>
/// <param name="Macs">MACs at the selection's input shapes (batch 1).</param>
/// <param name="Share">Share of the model's MACs, 0 to 1.</param>
/// <param name="SelectedBy">Why it was selected, or <see cref="SelectionReason.None"/>.</param>
public sealed record RankedLayer(string Name, string OpType, long Macs, double Share, SelectionReason SelectedBy)
{
    /// <summary>Whether the layer was selected.</summary>
    public bool IsSelected => SelectedBy != SelectionReason.None;
}
