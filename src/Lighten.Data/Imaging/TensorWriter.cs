using SkiaSharp;

namespace Lighten.Data.Imaging;

/// <summary>Draws an image through an affine map into an input-sized RGBA raster, then normalizes it to NCHW floats.</summary>
internal static class TensorWriter
{
    // Bilinear from the nearest mipmap level: antialiased when shrinking (an area average), bilinear when enlarging.
    // Blending two levels (SKMipmapMode.Linear) measured several times slower for little gain.
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Nearest);

    public static void Write(Preprocess spec, SKBitmap image, SKMatrix imageToInput, Span<float> chw)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (chw.Length != spec.ElementCount)
            throw new ArgumentException($"the tensor span holds {chw.Length} floats, the preprocessing writes 3x{spec.Height}x{spec.Width} = {spec.ElementCount}");

        using var raster = new SKBitmap(new SKImageInfo(spec.Width, spec.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(raster))
        using (var pixels = image.PeekPixels() ?? throw new ArgumentException("the image has no pixels in memory"))
        using (var source = SKImage.FromPixels(pixels))
        using (var paint = new SKPaint())
        {
            canvas.Clear(SKColors.Black);
            canvas.SetMatrix(imageToInput);
            canvas.DrawImage(source, 0, 0, Sampling, paint);
        }
        Normalize(spec, raster, chw);
    }

    private static void Normalize(Preprocess spec, SKBitmap raster, Span<float> chw)
    {
        int width = spec.Width, plane = spec.Width * spec.Height;
        var tables = new float[3][];
        for (int c = 0; c < 3; c++) tables[c] = Table(spec.Scale, spec.Mean[c], spec.Std[c]);
        var (first, third) = spec.Bgr ? (2, 0) : (0, 2);

        ReadOnlySpan<byte> rgba = raster.GetPixelSpan();
        int rowBytes = raster.RowBytes;
        for (int y = 0; y < spec.Height; y++)
        {
            var row = rgba.Slice(y * rowBytes, width * 4);
            int o = y * width;
            for (int x = 0; x < width; x++)
            {
                chw[first * plane + o + x] = tables[0][row[4 * x]];
                chw[plane + o + x] = tables[1][row[4 * x + 1]];
                chw[third * plane + o + x] = tables[2][row[4 * x + 2]];
            }
        }
    }

    private static float[] Table(float scale, float mean, float std)
    {
        var table = new float[256];
        for (int v = 0; v < 256; v++) table[v] = (v * scale - mean) / std;
        return table;
    }
}
