using SkiaSharp;

namespace Lighten.Data.Imaging;

/// <summary>The affine maps of the three resize modes, with the fitted content box snapped to whole pixels.</summary>
internal static class ResizeTransform
{
    public static SKMatrix For(ResizeMode mode, int imageWidth, int imageHeight, int width, int height)
    {
        if (imageWidth <= 0 || imageHeight <= 0)
            throw new ArgumentException($"image size must be positive, got {imageWidth}x{imageHeight}");
        if (mode == ResizeMode.Stretch)
            return SKMatrix.CreateScale((float)width / imageWidth, (float)height / imageHeight);

        double fit = mode == ResizeMode.Letterbox
            ? Math.Min((double)width / imageWidth, (double)height / imageHeight)
            : Math.Max((double)width / imageWidth, (double)height / imageHeight);
        // Rounding keeps the scaled content on whole pixels, so the side that fits exactly stays exact.
        int scaledWidth = Math.Max(1, (int)Math.Round(imageWidth * fit));
        int scaledHeight = Math.Max(1, (int)Math.Round(imageHeight * fit));
        int offsetX = Offset(width, scaledWidth);
        int offsetY = Offset(height, scaledHeight);
        return SKMatrix.CreateScaleTranslation(
            (float)scaledWidth / imageWidth, (float)scaledHeight / imageHeight, offsetX, offsetY);
    }

    // Centers the content; for a crop the offset is negative and the odd pixel is dropped on the right/bottom.
    private static int Offset(int size, int scaled) => size >= scaled ? (size - scaled) / 2 : -((scaled - size) / 2);
}
