using Lighten.Data.Imaging;
using SkiaSharp;

namespace Lighten.Data.Tests.Imaging;

public sealed class ImageLoaderTests
{
    [Fact]
    public void Png_decodes_to_rgba()
    {
        var path = Path.Combine(TestImages.TempDir(), "a.png");
        using (var image = TestImages.Stripes(1, 2, new SKColor(1, 2, 3), new SKColor(200, 100, 50)))
            TestImages.SavePng(image, path);
        using var loaded = ImageLoader.Load(path);
        Assert.Equal(SKColorType.Rgba8888, loaded.ColorType);
        Assert.Equal((2, 2), (loaded.Width, loaded.Height));
        Assert.Equal(new SKColor(200, 100, 50), loaded.GetPixel(1, 1));
    }

    [Fact]
    public void Jpeg_decodes_close_to_the_original_color()
    {
        var path = Path.Combine(TestImages.TempDir(), "a.jpg");
        using (var image = TestImages.Uniform(16, 16, new SKColor(120, 60, 200)))
        using (var data = image.Encode(SKEncodedImageFormat.Jpeg, 95))
            File.WriteAllBytes(path, data.ToArray());
        using var loaded = ImageLoader.Load(path);
        var p = loaded.GetPixel(8, 8);
        Assert.InRange(Math.Abs(p.Red - 120) + Math.Abs(p.Green - 60) + Math.Abs(p.Blue - 200), 0, 12);
    }

    [Fact]
    public void A_corrupt_truncated_empty_or_missing_file_names_the_file()
    {
        var dir = TestImages.TempDir();
        var png = Path.Combine(dir, "good.png");
        using (var image = TestImages.Uniform(64, 64, SKColors.Red)) TestImages.SavePng(image, png);
        var bytes = File.ReadAllBytes(png);

        var garbage = Path.Combine(dir, "garbage.png");
        File.WriteAllText(garbage, "this is not an image");
        var truncated = Path.Combine(dir, "truncated.png");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var empty = Path.Combine(dir, "empty.png");
        File.WriteAllBytes(empty, []);
        var missing = Path.Combine(dir, "missing.png");

        foreach (var path in new[] { garbage, truncated, empty, missing })
        {
            var e = Assert.Throws<DataException>(() => ImageLoader.Load(path));
            Assert.Equal(path, e.File);
            Assert.StartsWith(path + ": ", e.Describe());
        }
    }
}
