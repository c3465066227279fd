namespace Lighten.Runtime;

/// <summary>How <see cref="Evaluator"/> streams a dataset through a model.</summary>
public sealed record EvaluationOptions
{
    /// <summary>
    /// Samples per inference; a model with a fixed batch dimension uses that size instead (the last batch is padded).
    /// </summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Threads decoding and preprocessing images while inference runs.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Prepared batches that may wait for inference; bounds the memory in use.</summary>
    public int Capacity { get; init; } = 4;

    /// <summary>Leave out (and count) images that cannot be decoded instead of stopping at the first.</summary>
    public bool SkipBad { get; init; }

    /// <summary>Called on the inference thread after each batch with the samples done so far and the total.</summary>
    public Action<int, int>? Progress { get; init; }
}
