namespace Lighten.Core.Transforms;

/// <summary>
/// How to fine-tune a graph after a structural step (G1 backbone swap, G2 factorization), distilling from the
/// graph before the step. Lighten.Core does not train: a trainer (Lighten.Training) reads these options.
/// </summary>
public sealed record FineTuneOptions
{
    /// <summary>The training data folder (an image folder for classification, COCO keypoints for pose).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The task: <c>classify</c> or <c>pose</c>.</summary>
    public required string Task { get; init; }

    /// <summary>Epochs over the data; 0 leaves the initialized graph as it is.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Weight of the distillation loss against the graph before the step (0: labels only, 1: teacher only).</summary>
    public double DistillationWeight { get; init; } = 0.5;

    /// <summary>Seed of every random choice (shuffling, augmentation).</summary>
    public int Seed { get; init; }
}
