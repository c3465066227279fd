using SkiaSharp;

namespace Lighten.Training.Trainer;

/// <summary>The left-right mirror of a raster, as an affine map.</summary>
internal static class Mirror
{
    /// <summary>The map x → width - x of a raster <paramref name="width"/> pixels wide (pixels cover [i, i + 1)).</summary>
    public static SKMatrix Horizontal(float width) => new(-1, 0, width, 0, 1, 0, 0, 0, 1);
}
