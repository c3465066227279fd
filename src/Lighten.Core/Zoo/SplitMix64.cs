namespace Lighten.Core.Zoo;

/// <summary>
/// A small, fast seeded generator (SplitMix64) for drawing millions of weights: the same seed gives the same
/// stream on every platform and .NET version.
/// </summary>
internal sealed class SplitMix64(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        ulong z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));
}
