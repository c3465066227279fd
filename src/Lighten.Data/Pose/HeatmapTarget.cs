namespace Lighten.Data.Pose;

/// <summary>
/// Training targets of a heatmap pose model: one Gaussian per joint at the output resolution, centered on the
/// sub-pixel keypoint position, and a weight per joint (0 for unlabeled joints and joints outside the crop).
/// </summary>
public static class HeatmapTarget
{
    /// <summary>Gaussian standard deviation in heatmap pixels (SimpleBaselines' value at stride 4).</summary>
    public const float DefaultSigma = 2f;

    /// <summary>
    /// Writes the heatmaps (joint x height x width, row-major) and the joint weights for <paramref name="keypoints"/>
    /// given in image coordinates. Heatmap pixel (i, j) stands for the input point ((i + 0.5) x stride, (j + 0.5) x stride).
    /// Values are exp(-d^2 / 2 sigma^2), cut to zero beyond 3 sigma.
    /// </summary>
    public static void Encode(
        IReadOnlyList<Keypoint> keypoints, TopDownCrop crop, int heatmapWidth, int heatmapHeight,
        Span<float> heatmaps, Span<float> weights, float sigma = DefaultSigma)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        int plane = heatmapWidth * heatmapHeight;
        if (heatmaps.Length != keypoints.Count * plane || weights.Length != keypoints.Count)
            throw new ArgumentException($"expected {keypoints.Count}x{heatmapHeight}x{heatmapWidth} heatmap floats and {keypoints.Count} weights, got {heatmaps.Length} and {weights.Length}");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);

        heatmaps.Clear();
        var imageToInput = crop.ImageToInput;
        float strideX = (float)crop.InputWidth / heatmapWidth, strideY = (float)crop.InputHeight / heatmapHeight;
        for (int j = 0; j < keypoints.Count; j++)
        {
            weights[j] = 0;
            if (!keypoints[j].IsLabeled) continue;
            var p = imageToInput.MapPoint(keypoints[j].X, keypoints[j].Y);
            float hx = p.X / strideX, hy = p.Y / strideY;
            if (!(hx >= 0 && hx < heatmapWidth && hy >= 0 && hy < heatmapHeight)) continue;
            weights[j] = 1;
            Draw(heatmaps.Slice(j * plane, plane), heatmapWidth, heatmapHeight, hx - 0.5f, hy - 0.5f, sigma);
        }
    }

    private static void Draw(Span<float> map, int width, int height, float cx, float cy, float sigma)
    {
        float radius = 3 * sigma, twoSigma2 = 2 * sigma * sigma;
        int x0 = Math.Max(0, (int)MathF.Ceiling(cx - radius)), x1 = Math.Min(width - 1, (int)MathF.Floor(cx + radius));
        int y0 = Math.Max(0, (int)MathF.Ceiling(cy - radius)), y1 = Math.Min(height - 1, (int)MathF.Floor(cy + radius));
        for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
        {
            float dx = x - cx, dy = y - cy;
            map[y * width + x] = MathF.Exp(-(dx * dx + dy * dy) / twoSigma2);
        }
    }
}
