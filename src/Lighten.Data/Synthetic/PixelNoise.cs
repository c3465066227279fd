using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>Camera-like degradation of a finished image: sometimes a slight blur, a contrast and brightness change, Gaussian-like noise.</summary>
internal static class PixelNoise
{
    /// <summary>Standard deviation of a sum of four uniform bytes: sqrt(4 · (256² − 1) / 12).</summary>
    private const float SumOfFourBytesSigma = 147.80f;

    public static void Apply(SKBitmap bitmap, Random rng)
    {
        if (rng.Chance(0.3)) Blur(bitmap, rng.Uniform(0.1, 0.25));
        float contrast = rng.Uniform(0.8, 1.15), brightness = rng.Uniform(-15, 15), sigma = rng.Uniform(2, 10) / SumOfFourBytesSigma;
        // Per-pixel noise takes two SplitMix64 words per pixel (a near-Gaussian value per channel from the sum of four
        // bytes): System.Random with log/cos per sample costs more than all the drawing.
        ulong state = (ulong)rng.NextInt64();
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0; i + 3 < pixels.Length; i += 4)
        {
            ulong a = Next(ref state), b = Next(ref state);
            pixels[i] = Degrade(pixels[i], SumOfBytes(a), contrast, brightness, sigma);
            pixels[i + 1] = Degrade(pixels[i + 1], SumOfBytes(a >> 32), contrast, brightness, sigma);
            pixels[i + 2] = Degrade(pixels[i + 2], SumOfBytes(b), contrast, brightness, sigma);
        }
    }

    private static float SumOfBytes(ulong bits) => (bits & 0xFF) + ((bits >> 8) & 0xFF) + ((bits >> 16) & 0xFF) + ((bits >> 24) & 0xFF) - 510f;

    private static byte Degrade(byte value, float noise, float contrast, float brightness, float sigma) =>
        (byte)Math.Clamp(MathF.Round((value - 128f) * contrast + 128f + brightness + sigma * noise), 0f, 255f);

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A separable [w, 1 − 2w, w] blur of the colour channels (a Gaussian of sigma ≈ 0.5–0.7 for w = 0.1–0.25), edges clamped.</summary>
    private static void Blur(SKBitmap bitmap, float w)
    {
        var pixels = bitmap.GetPixelSpan();
        int width = bitmap.Width, height = bitmap.Height, stride = 4 * width;
        var source = pixels.ToArray();
        BlurPass(source, pixels, width, height, 4, stride, w);
        pixels.CopyTo(source);
        BlurPass(source, pixels, height, width, stride, 4, w);
    }

    /// <summary>Blurs along lines of <paramref name="length"/> pixels <paramref name="step"/> bytes apart, <paramref name="lines"/> lines <paramref name="lineStep"/> bytes apart.</summary>
    private static void BlurPass(byte[] source, Span<byte> target, int length, int lines, int step, int lineStep, float w)
    {
        for (int line = 0; line < lines; line++)
            for (int i = 0; i < length; i++)
            {
                int at = line * lineStep + i * step;
                int before = at - (i > 0 ? step : 0), after = at + (i < length - 1 ? step : 0);
                for (int c = 0; c < 3; c++)
                    target[at + c] = (byte)MathF.Round(w * source[before + c] + (1 - 2 * w) * source[at + c] + w * source[after + c]);
            }
    }
}
