namespace Lighten.Data.Synthetic;

/// <summary>Seed derivation and the few distributions the generator draws from.</summary>
internal static class SynthRandom
{
    /// <summary>Independent random streams of one image, so that e.g. a plain background leaves the person unchanged.</summary>
    public enum Stream { Person = 1, Background = 2, Occluder = 3, Noise = 4 }

    /// <summary>A generator for one stream of one image, derived from (seed, image index, stream) by SplitMix64.</summary>
    public static Random For(int seed, int index, Stream stream)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)index * 0xD1B54A32D192ED03UL ^ (ulong)stream * 0xAEF17502108EF2D9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random(unchecked((int)(z ^ (z >> 32))));
    }

    public static float Uniform(this Random rng, double min, double max) => (float)(min + (max - min) * rng.NextDouble());

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    public static float Degrees(this Random rng, double min, double max) => rng.Uniform(min, max) * MathF.PI / 180f;

    /// <summary>A standard normal sample (Box–Muller).</summary>
    public static double Gaussian(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Picks the index of a weight with probability proportional to it.</summary>
    public static int Pick(this Random rng, params double[] weights)
    {
        double r = rng.NextDouble() * weights.Sum();
        for (int i = 0; i < weights.Length - 1; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.Length - 1;
    }
}
