namespace Lighten.Data.Pose;

/// <summary>
/// Turns a model's heatmaps into keypoints: the argmax of each joint's map, moved a quarter pixel toward the higher
/// neighbour on each axis, mapped back to image coordinates through the crop; the score is the map's maximum.
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

    /// <summary>The refined peak of one map in heatmap pixel indices, and its value.</summary>
    internal static (float X, float Y, float Score) Peak(ReadOnlySpan<float> map, int width, int height)
    {
        int best = 0;
        for (int i = 1; i < map.Length; i++)
        {
            if (map[i] > map[best]) best = i;
        }
        int px = best % width, py = best / width;
        float x = px, y = py;
        if (px > 0 && px < width - 1) x += QuarterToward(map[best + 1] - map[best - 1]);
        if (py > 0 && py < height - 1) y += QuarterToward(map[best + width] - map[best - width]);
        return (x, y, map[best]);
    }

    // Not Math.Sign: a model can emit NaN, which must not throw.
    private static float QuarterToward(float difference) => difference > 0 ? 0.25f : difference < 0 ? -0.25f : 0f;
}
