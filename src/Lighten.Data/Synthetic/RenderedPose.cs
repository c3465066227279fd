using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>One rendered image with its labels, the figure it shows and the part map the labels were read from.</summary>
internal sealed class RenderedPose(SKBitmap image, PoseLabel label, Figure figure, byte[] partMap) : IDisposable
{
    public SKBitmap Image { get; } = image;

    public PoseLabel Label { get; } = label;

    public Figure Figure { get; } = figure;

    /// <summary>Id of the topmost part at each pixel (row-major), 0 for background.</summary>
    public byte[] PartMap { get; } = partMap;

    public void Dispose() => Image.Dispose();
}
