namespace Lighten.Training.Trainer;

/// <summary>
/// Seeds derived from the run's seed and a purpose (data order of an epoch, augmentation of one sample, dropout),
/// so that every random choice is reproducible whatever the thread that makes it or the epoch a run resumes at.
/// <see cref="HashCode"/> is not used: it is randomized per process.
/// </summary>
internal static class DerivedSeed
{
    /// <summary>Purpose tags, so that two streams of the same epoch never share a seed.</summary>
    public const long Order = 1, Augment = 2, Torch = 3, Statistics = 4;

    /// <summary>A 32-bit seed mixing <paramref name="seed"/> and <paramref name="parts"/> (SplitMix64 finalizer per part).</summary>
    public static int Of(int seed, params ReadOnlySpan<long> parts)
    {
        ulong h = Mix(unchecked((ulong)seed));
        foreach (var p in parts) h = Mix(h ^ unchecked((ulong)p + 0x9E3779B97F4A7C15UL));
        return unchecked((int)(h ^ (h >> 32)));
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
