namespace Lighten.Data.Pose;

/// <summary>
/// Turns a model's heatmaps into keypoints: the argmax of each joint's map refined to sub-pixel precision (see
/// <see cref="Peak"/>), mapped back to image coordinates through the crop; the score is the map's maximum.
/// </summary>
public static class HeatmapDecoder
{
    /// <summary>Decodes the heatmaps of one person (joint x height x width, row-major) into image-coordinate keypoints.</summary>
    public static PredictedKeypoint[] Decode(ReadOnlySpan<float> heatmaps, int jointCount, int heatmapWidth, int heatmapHeight, TopDownCrop crop)
    {
        var result = new PredictedKeypoint[jointCount];
        Decode(heatmaps, heatmapWidth, heatmapHeight, crop, result);
        return result;
    }

    /// <summary>Decodes into <paramref name="output"/>, one keypoint per joint (its length is the joint count).</summary>
    public static void Decode(ReadOnlySpan<float> heatmaps, int heatmapWidth, int heatmapHeight, TopDownCrop crop, Span<PredictedKeypoint> output)
    {
        int plane = heatmapWidth * heatmapHeight;
        if (plane <= 0 || heatmaps.Length != output.Length * plane)
            throw new ArgumentException($"expected {output.Length}x{heatmapHeight}x{heatmapWidth} heatmap floats, got {heatmaps.Length}");

        var inputToImage = crop.InputToImage;
        float strideX = (float)crop.InputWidth / heatmapWidth, strideY = (float)crop.InputHeight / heatmapHeight;
        for (int j = 0; j < output.Length; j++)
        {
            var map = heatmaps.Slice(j * plane, plane);
            var (x, y, score) = Peak(map, heatmapWidth, heatmapHeight);
            var p = inputToImage.MapPoint((x + 0.5f) * strideX, (y + 0.5f) * strideY);
            output[j] = new PredictedKeypoint(p.X, p.Y, score);
        }
    }

    /// <summary>
    /// The refined peak of one map in heatmap pixel indices, and its value: the argmax, moved by a second-order Taylor
    /// step on the logarithm of the map (DARK's decoding, Zhang et al. 2020). A Gaussian's logarithm is a quadratic, so
    /// the peak of a Gaussian-shaped map is found to a small fraction of a pixel where the argmax alone is off by up to
    /// half a pixel (a quarter with the older quarter-pixel shift); where the log is not curved downward (a flat or
    /// broken map) the argmax stays. DARK also blurs the map first; on these small maps the blur's edge padding moved
    /// exact Gaussian peaks near the edge by up to half a pixel, so the step reads the map as it is.
    /// </summary>
    internal static (float X, float Y, float Score) Peak(ReadOnlySpan<float> map, int width, int height)
    {
        int best = 0;
        for (int i = 1; i < map.Length; i++)
        {
            if (map[i] > map[best]) best = i;
        }
        int px = best % width, py = best / width;
        var (dx, dy) = TaylorStep(map, width, height, px, py);
        return (px + dx, py + dy, map[best]);
    }

    // The 3x3 neighbourhood of the log map around (px, py), then the Newton step -H⁻¹g on it; an axis with the
    // peak on the map's edge is not refined (its central differences would need a pixel outside).
    private static (float Dx, float Dy) TaylorStep(ReadOnlySpan<float> map, int width, int height, int px, int py)
    {
        Span<double> l = stackalloc double[9];
        for (int j = -1; j <= 1; j++)
        for (int i = -1; i <= 1; i++)
            l[(j + 1) * 3 + i + 1] = Math.Log(Math.Max(At(map, width, height, px + i, py + j), 1e-10));
        double gx = 0.5 * (l[5] - l[3]), gy = 0.5 * (l[7] - l[1]);
        double hxx = l[5] - 2 * l[4] + l[3], hyy = l[7] - 2 * l[4] + l[1];
        double hxy = 0.25 * (l[8] - l[6] - l[2] + l[0]);
        bool xInside = px > 0 && px < width - 1, yInside = py > 0 && py < height - 1;
        double dx = 0, dy = 0;
        if (xInside && yInside && hxx < 0 && hxx * hyy - hxy * hxy > 0)
        {
            double det = hxx * hyy - hxy * hxy;
            dx = -(hyy * gx - hxy * gy) / det;
            dy = -(hxx * gy - hxy * gx) / det;
        }
        else
        {
            if (xInside && hxx < 0) dx = -gx / hxx;
            if (yInside && hyy < 0) dy = -gy / hyy;
        }
        // A step beyond one pixel means the log is not a peak's quadratic there; NaN (a broken model) must not throw.
        return (Bounded(dx), Bounded(dy));
    }

    // Off the map (only read for an axis that is then not refined) and NaN read as 0.
    private static double At(ReadOnlySpan<float> map, int width, int height, int x, int y) =>
        x < 0 || y < 0 || x >= width || y >= height || !float.IsFinite(map[y * width + x]) ? 0 : map[y * width + x];

    private static float Bounded(double step) => double.IsFinite(step) ? (float)Math.Clamp(step, -1, 1) : 0f;
}
