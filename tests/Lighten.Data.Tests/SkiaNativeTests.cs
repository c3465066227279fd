using SkiaSharp;

namespace Lighten.Data.Tests;

public sealed class SkiaNativeTests
{
    [Fact]
    public void NativeLibraryEncodesAndDecodesPng()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(3, 2, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.SetPixel(2, 1, new SKColor(10, 20, 30));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var decoded = SKBitmap.Decode(data);
        Assert.Equal(3, decoded.Width);
        Assert.Equal(2, decoded.Height);
        Assert.Equal(new SKColor(10, 20, 30), decoded.GetPixel(2, 1));
    }
}
