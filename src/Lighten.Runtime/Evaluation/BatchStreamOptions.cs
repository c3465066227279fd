using Lighten.Core;

namespace Lighten.Runtime;

/// <summary>How <see cref="BatchStream"/> batches and overlaps the work.</summary>
public sealed record BatchStreamOptions
{
    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Threads decoding and preprocessing samples while inference runs.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Prepared batches that may wait for inference; bounds the memory in use.</summary>
    public int Capacity { get; init; } = 4;

    /// <summary>Throws <see cref="OptionException"/> when a value is below 1.</summary>
    public void Validate()
    {
        if (BatchSize < 1) throw new OptionException($"batch size must be at least 1, got {BatchSize}");
        if (Workers < 1) throw new OptionException($"preprocessing workers must be at least 1, got {Workers}");
        if (Capacity < 1) throw new OptionException($"batch queue capacity must be at least 1, got {Capacity}");
    }
}
