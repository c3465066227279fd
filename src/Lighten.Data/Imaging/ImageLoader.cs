using SkiaSharp;

namespace Lighten.Data.Imaging;

/// <summary>Decodes image files (PNG, JPEG, and the other formats Skia reads) into RGBA bitmaps.</summary>
public static class ImageLoader
{
    /// <summary>
    /// Reads and decodes the image at <paramref name="path"/> into an 8-bit RGBA bitmap (premultiplied, so a
    /// transparent pixel reads as black). The caller disposes the bitmap.
    /// </summary>
    /// <exception cref="DataException">The file is missing, unreadable, not an image, or truncated; the file is named.</exception>
    public static SKBitmap Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"cannot read image: {e.Message}", path);
        }
        return Decode(bytes, path);
    }

    /// <summary>Decodes encoded image bytes; <paramref name="name"/> (usually the file path) names the image in errors.</summary>
    /// <exception cref="DataException">The bytes are not a complete image.</exception>
    public static SKBitmap Decode(ReadOnlySpan<byte> encoded, string name)
    {
        if (encoded.IsEmpty) throw new DataException("cannot decode image: the file is empty", name);
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new DataException("cannot decode image: not a recognized image format", name);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        throw new DataException($"cannot decode image: {Describe(result)}", name);
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the data is truncated",
        SKCodecResult.ErrorInInput => "the data is corrupt",
        _ => $"decoder error {result}",
    };
}
