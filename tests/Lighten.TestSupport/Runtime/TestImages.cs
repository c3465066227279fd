using SkiaSharp;

namespace Lighten.Runtime.Tests;

/// <summary>Writes small PNG files for evaluation tests.</summary>
public static class TestImages
{
    public static void Solid(string path, int size, SKColor color)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        bitmap.Erase(color);
        Write(bitmap, path);
    }

    /// <summary>A black square image with one square block of <paramref name="gray"/>.</summary>
    public static void Block(string path, int size, SKRectI block, byte gray)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        bitmap.Erase(SKColors.Black);
        for (int y = block.Top; y < block.Bottom; y++)
        for (int x = block.Left; x < block.Right; x++)
            bitmap.SetPixel(x, y, new SKColor(gray, gray, gray));
        Write(bitmap, path);
    }

    private static void Write(SKBitmap bitmap, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
