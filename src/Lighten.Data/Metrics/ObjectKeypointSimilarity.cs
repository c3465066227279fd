using Lighten.Data.Pose;

namespace Lighten.Data.Metrics;

/// <summary>COCO's object keypoint similarity between a ground-truth person and a detection (as cocoeval's computeOks).</summary>
public static class ObjectKeypointSimilarity
{
    // numpy's spacing(1), which cocoeval adds to the area.
    internal const double Spacing = 2.220446049250313e-16;

    /// <summary>
    /// OKS = mean over the truth's labeled keypoints of exp(-d^2 / (2 x area x (2 sigma)^2)). When the truth has no
    /// labeled keypoint, d is measured to the box enlarged to twice its size on each side and all keypoints count.
    /// </summary>
    public static double Compute(PersonAnnotation truth, IReadOnlyList<PredictedKeypoint> detected, IReadOnlyList<float> sigmas)
    {
        ArgumentNullException.ThrowIfNull(truth);
        int k = truth.Keypoints.Count;
        if (detected.Count != k || sigmas.Count != k)
            throw new ArgumentException($"expected {k} keypoints and sigmas, got {detected.Count} detected and {sigmas.Count} sigmas");

        double area = truth.Area + Spacing;
        bool anyLabeled = truth.LabeledCount > 0;
        var box = truth.Box;
        double sum = 0;
        int n = 0;
        for (int j = 0; j < k; j++)
        {
            double dx, dy;
            if (anyLabeled)
            {
                if (!truth.Keypoints[j].IsLabeled) continue;
                dx = detected[j].X - truth.Keypoints[j].X;
                dy = detected[j].Y - truth.Keypoints[j].Y;
            }
            else
            {
                dx = Outside(detected[j].X, box.X - box.Width, box.X + 2 * box.Width);
                dy = Outside(detected[j].Y, box.Y - box.Height, box.Y + 2 * box.Height);
            }
            double variance = 4.0 * sigmas[j] * sigmas[j];
            sum += Math.Exp(-(dx * dx + dy * dy) / variance / area / 2);
            n++;
        }
        return sum / n;
    }

    private static double Outside(double v, double low, double high) => Math.Max(0, low - v) + Math.Max(0, v - high);
}
