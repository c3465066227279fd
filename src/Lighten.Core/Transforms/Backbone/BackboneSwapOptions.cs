namespace Lighten.Core.Transforms.Backbone;

/// <summary>Options of <see cref="SwapBackbone.Run"/>.</summary>
public sealed record BackboneSwapOptions
{
    /// <summary>The backbone's output tensor to cut at; null finds it (<see cref="BackboneCut.Find"/>).</summary>
    public string? Cut { get; init; }

    /// <summary>
    /// True (the default): where the new backbone's output differs from the cut, adapters make it fit so that the
    /// head keeps its trained weights (a 1×1 Conv+BN+ReLU for the channels; for the spatial size, per axis, stride-2
    /// DWConvs, an AveragePool or a linear Resize: see <see cref="SwapBackbone"/>).
    /// False: no channel adapter; the head's first layer is re-shaped to the new channel count and re-initialized
    /// (a spatial mismatch still gets the spatial adapters, since the head's output size depends on it).
    /// </summary>
    public bool Adapter { get; init; } = true;

    /// <summary>
    /// Pretrained weights: a graph imported from an ONNX export of the same torchvision architecture (a classifier
    /// or a backbone, BatchNorm folded or not), matched by structure; null draws the zoo's random initialization.
    /// </summary>
    public Graph? BackboneWeights { get; init; }

    /// <summary>Seed of the random initialization of the backbone, the adapters and a re-shaped head layer.</summary>
    public int Seed { get; init; }
}
