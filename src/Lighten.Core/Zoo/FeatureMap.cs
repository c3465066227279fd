namespace Lighten.Core.Zoo;

/// <summary>
/// A value of a network being built, with what a following layer needs to know: its tensor name, its channels
/// (features, for a flattened value) and its spatial size (1×1 once pooled or flattened). A backbone returns
/// its output as a feature map, so that a head, or the backbone swap, can attach to it.
/// </summary>
/// <param name="Tensor">The value's name in the graph.</param>
/// <param name="Channels">Channels of an NCHW value, or features of a flattened one.</param>
/// <param name="Height">Spatial height.</param>
/// <param name="Width">Spatial width.</param>
public sealed record FeatureMap(string Tensor, int Channels, int Height, int Width)
{
    /// <summary>This value under another name (the same channels and size).</summary>
    public FeatureMap As(string tensor) => this with { Tensor = tensor };
}
