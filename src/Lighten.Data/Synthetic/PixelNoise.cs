using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>Camera-like degradation of a finished image: sometimes a slight blur, a contrast and brightness change, Gaussian noise.</summary>
internal static class PixelNoise
{
    public static void Apply(SKBitmap bitmap, Random rng)
    {
        if (rng.Chance(0.3)) Blur(bitmap, rng.Uniform(0.4, 0.9));
        float contrast = rng.Uniform(0.8, 1.15), brightness = rng.Uniform(-15, 15), sigma = rng.Uniform(2, 10);
        var pixels = bitmap.GetPixelSpan();
        float spare = 0;
        bool hasSpare = false;
        for (int i = 0; i < pixels.Length; i++)
        {
            if ((i & 3) == 3) continue;
            float noise;
            if (hasSpare)
            {
                noise = spare;
                hasSpare = false;
            }
            else
            {
                double r = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())), t = 2.0 * Math.PI * rng.NextDouble();
                noise = (float)(r * Math.Cos(t));
                spare = (float)(r * Math.Sin(t));
                hasSpare = true;
            }
            float v = (pixels[i] - 128f) * contrast + 128f + brightness + sigma * noise;
            pixels[i] = (byte)Math.Clamp(MathF.Round(v), 0f, 255f);
        }
    }

    private static void Blur(SKBitmap bitmap, float sigma)
    {
        using var copy = bitmap.Copy();
        using var canvas = new SKCanvas(bitmap);
        using var filter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp);
        using var paint = new SKPaint { ImageFilter = filter };
        canvas.DrawBitmap(copy, 0, 0, SKSamplingOptions.Default, paint);
    }
}
