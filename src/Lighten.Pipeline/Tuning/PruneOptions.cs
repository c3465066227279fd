using Lighten.Core.Transforms.Prune;

namespace Lighten.Pipeline.Tuning;

/// <summary>
/// How <see cref="ModelPruning"/> prunes: structured (whole channels) or unstructured (the smallest weights), and the
/// rising sparsity schedule of unstructured pruning during fine-tuning.
/// </summary>
public sealed record PruneOptions
{
    /// <summary>The default steps between two mask updates of the sparsity schedule.</summary>
    public const int DefaultPruneEvery = 10;

    /// <summary>Structured channel pruning (true, default) or unstructured magnitude pruning.</summary>
    public bool Structured { get; init; } = true;

    /// <summary>The options of structured pruning.</summary>
    public ChannelPruneOptions Channels { get; init; } = new();

    /// <summary>The options of unstructured pruning; its sparsity is the schedule's final one.</summary>
    public MagnitudePruneOptions Magnitude { get; init; } = new();

    /// <summary>Sparsity at the first step of fine-tuning, rising to the final one (unstructured).</summary>
    public double InitialSparsity { get; init; }

    /// <summary>Epochs over which the sparsity rises (null: half of the fine-tuning's epochs); the masks stay fixed after.</summary>
    public double? RampEpochs { get; init; }

    /// <summary>Optimizer steps between two mask updates during fine-tuning.</summary>
    public int PruneEvery { get; init; } = DefaultPruneEvery;
}
