using SkiaSharp;

namespace Lighten.Data.Tests;

/// <summary>Small synthetic bitmaps whose resized pixels can be worked out by hand.</summary>
internal static class TestImages
{
    /// <summary>Vertical stripes, each <paramref name="stripeWidth"/> pixels wide, in the given colors.</summary>
    public static SKBitmap Stripes(int stripeWidth, int height, params SKColor[] colors)
    {
        var bitmap = new SKBitmap(new SKImageInfo(stripeWidth * colors.Length, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (int x = 0; x < bitmap.Width; x++)
        for (int y = 0; y < height; y++)
            bitmap.SetPixel(x, y, colors[x / stripeWidth]);
        return bitmap;
    }

    public static SKBitmap Uniform(int width, int height, SKColor color) => Stripes(width, height, color);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lighten-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void SavePng(SKBitmap bitmap, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
