using Lighten.Data.Imaging;
using SkiaSharp;

namespace Lighten.Data.Tests.Imaging;

public sealed class ResizeTests
{
    private static readonly SKColor A = new(255, 0, 0), B = new(0, 255, 0), C = new(0, 0, 255), D = new(255, 255, 255);

    /// <summary>Reads the (R, G, B) floats of input pixel (x, y) from an RGB tensor with scale 1/255, mean 0, std 1 (so 0..1).</summary>
    private static SKColor PixelAt(float[] chw, Preprocess spec, int x, int y)
    {
        int plane = spec.Width * spec.Height, i = y * spec.Width + x;
        return new SKColor(ToByte(chw[i]), ToByte(chw[plane + i]), ToByte(chw[2 * plane + i]));
    }

    private static byte ToByte(float v) => (byte)Math.Round(v * 255);

    private static float[] Run(Preprocess spec, SKBitmap image)
    {
        var chw = new float[spec.ElementCount];
        spec.WriteTensor(image, chw);
        return chw;
    }

    [Fact]
    public void Stretch_scales_each_axis_independently()
    {
        // 8x4 image of four 2-pixel stripes -> 4x4: each stripe becomes one column, rows stay.
        using var image = TestImages.Stripes(2, 4, A, B, C, D);
        var spec = new Preprocess(4, 4);
        var chw = Run(spec, image);
        for (int y = 0; y < 4; y++)
        {
            Assert.Equal(A, PixelAt(chw, spec, 0, y));
            Assert.Equal(B, PixelAt(chw, spec, 1, y));
            Assert.Equal(C, PixelAt(chw, spec, 2, y));
            Assert.Equal(D, PixelAt(chw, spec, 3, y));
        }
    }

    [Fact]
    public void Stretch_enlarging_a_uniform_image_keeps_its_color()
    {
        using var image = TestImages.Uniform(2, 3, new SKColor(10, 200, 30));
        var spec = new Preprocess(5, 7);
        var chw = Run(spec, image);
        for (int y = 0; y < 7; y++)
        for (int x = 0; x < 5; x++)
            Assert.Equal(new SKColor(10, 200, 30), PixelAt(chw, spec, x, y));
    }

    [Fact]
    public void Letterbox_keeps_aspect_and_pads_black_above_and_below()
    {
        // 8x4 -> 4x4: scale 0.5 gives a 4x2 content band at rows 1..2, rows 0 and 3 are padding.
        using var image = TestImages.Stripes(2, 4, A, B, C, D);
        var spec = new Preprocess(4, 4) { Resize = ResizeMode.Letterbox };
        var chw = Run(spec, image);
        for (int x = 0; x < 4; x++)
        {
            Assert.Equal(SKColors.Black, PixelAt(chw, spec, x, 0));
            Assert.Equal(SKColors.Black, PixelAt(chw, spec, x, 3));
        }
        SKColor[] expected = [A, B, C, D];
        for (int y = 1; y <= 2; y++)
        for (int x = 0; x < 4; x++)
            Assert.Equal(expected[x], PixelAt(chw, spec, x, y));
    }

    [Fact]
    public void Letterbox_pads_left_and_right_for_a_tall_image()
    {
        // 2x8 -> 4x4 (one uniform color): scale 0.5 gives 1x4 content at column 1 ((4 - 1) / 2 = 1).
        using var image = TestImages.Uniform(2, 8, C);
        var spec = new Preprocess(4, 4) { Resize = ResizeMode.Letterbox };
        var chw = Run(spec, image);
        for (int y = 0; y < 4; y++)
        {
            Assert.Equal(SKColors.Black, PixelAt(chw, spec, 0, y));
            Assert.Equal(C, PixelAt(chw, spec, 1, y));
            Assert.Equal(SKColors.Black, PixelAt(chw, spec, 2, y));
            Assert.Equal(SKColors.Black, PixelAt(chw, spec, 3, y));
        }
        Assert.Equal(SKMatrix.CreateScaleTranslation(0.5f, 0.5f, 1, 0), spec.GetTransform(2, 8));
    }

    [Fact]
    public void Crop_scales_the_shorter_side_then_keeps_the_center()
    {
        // 8x4 -> 2x2: the shorter side (4) becomes 2, so the image becomes 4x2 (one column per stripe);
        // the center two columns are stripes B and C.
        using var image = TestImages.Stripes(2, 4, A, B, C, D);
        var spec = new Preprocess(2, 2) { Resize = ResizeMode.Crop };
        var chw = Run(spec, image);
        for (int y = 0; y < 2; y++)
        {
            Assert.Equal(B, PixelAt(chw, spec, 0, y));
            Assert.Equal(C, PixelAt(chw, spec, 1, y));
        }
        Assert.Equal(SKMatrix.CreateScaleTranslation(0.5f, 0.5f, -1, 0), spec.GetTransform(8, 4));
    }

    [Fact]
    public void An_affine_transform_selects_the_region_it_maps()
    {
        // Shifting left by 4 pixels puts stripes C, D at input columns 0..3 and black beyond the image.
        using var image = TestImages.Stripes(2, 2, A, B, C, D);
        var spec = new Preprocess(6, 2);
        var chw = new float[spec.ElementCount];
        spec.WriteTensor(image, SKMatrix.CreateTranslation(-4, 0), chw);
        SKColor[] expected = [C, C, D, D, SKColors.Black, SKColors.Black];
        for (int x = 0; x < 6; x++) Assert.Equal(expected[x], PixelAt(chw, spec, x, 1));
    }

    [Fact]
    public void Shrinking_averages_fine_detail_instead_of_aliasing()
    {
        // A one-pixel checkerboard shrunk 3.2x must come out mid-gray everywhere, not a moire of black and white.
        using var checker = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++)
            checker.SetPixel(x, y, ((x + y) & 1) == 0 ? SKColors.White : SKColors.Black);
        var spec = new Preprocess(20, 20);
        var chw = Run(spec, checker);
        Assert.All(chw, v => Assert.InRange(v, 0.45f, 0.55f));
    }

    [Fact]
    public void A_span_of_the_wrong_length_is_rejected()
    {
        using var image = TestImages.Uniform(2, 2, A);
        Assert.Throws<ArgumentException>(() => new Preprocess(2, 2).WriteTensor(image, new float[11]));
    }
}
