using Lighten.Core;

namespace Lighten.Data.Synthetic;

/// <summary>What the synthetic pose generator draws behind the person.</summary>
public enum SyntheticBackground
{
    /// <summary>Random gradients, shapes, lines and limb-like distractor strokes (the default).</summary>
    Cluttered,

    /// <summary>One flat grey; for tests and for looking at the labels.</summary>
    Plain,
}

/// <summary>
/// Settings of <see cref="SyntheticPose"/>. The defaults make the data of the built-in demo; the probabilities
/// tune how hard it is. The same options (seed included) always give the same bytes.
/// </summary>
public sealed record SyntheticPoseOptions
{
    /// <summary>Number of images (one person each).</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Width and height of the square images in pixels.</summary>
    public int Size { get; init; } = 128;

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; }

    /// <summary>Write into a non-empty folder that does not hold a previous synth-pose output (its images/ and annotations.json are replaced).</summary>
    public bool Force { get; init; }

    /// <summary>The background behind the person.</summary>
    public SyntheticBackground Background { get; init; } = SyntheticBackground.Cluttered;

    /// <summary>Adds Gaussian pixel noise, a brightness shift and sometimes a slight blur.</summary>
    public bool Noise { get; init; } = true;

    /// <summary>Probability that the person is placed partly outside the image.</summary>
    public double TruncationProbability { get; init; } = 0.2;

    /// <summary>Probability of one or two objects drawn in front of the person.</summary>
    public double OccluderProbability { get; init; } = 0.2;

    /// <summary>Probability that the person is seen from behind (left and right swap sides in the image).</summary>
    public double BackViewProbability { get; init; } = 0.2;

    /// <summary>Workers rendering images at once; -1 uses every core. The output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        if (Count < 1) throw new OptionException($"count must be at least 1, got {Count}");
        if (Size is < 32 or > 4096) throw new OptionException($"size must be between 32 and 4096 pixels, got {Size}");
        CheckProbability("truncation probability", TruncationProbability);
        CheckProbability("occluder probability", OccluderProbability);
        CheckProbability("back-view probability", BackViewProbability);
        if (MaxDegreeOfParallelism is 0 or < -1) throw new OptionException($"max degree of parallelism must be -1 or positive, got {MaxDegreeOfParallelism}");
    }

    private static void CheckProbability(string name, double value)
    {
        if (!(value is >= 0 and <= 1)) throw new OptionException($"{name} must be between 0 and 1, got {value}");
    }
}
