namespace Lighten.Data.Metrics;

/// <summary>COCO keypoint average precision.</summary>
/// <param name="AP">AP averaged over the OKS thresholds 0.50:0.05:0.95, in [0, 1].</param>
/// <param name="Thresholds">The OKS thresholds.</param>
/// <param name="PerThreshold">AP at each threshold (101-point interpolated precision).</param>
/// <param name="GroundTruthCount">Ground-truth people that count (not crowd, at least one labeled keypoint).</param>
/// <param name="DetectionCount">Detections evaluated (after the per-image limit).</param>
public sealed record OksApResult(double AP, IReadOnlyList<double> Thresholds, IReadOnlyList<double> PerThreshold, int GroundTruthCount, int DetectionCount)
{
    /// <summary>AP at OKS 0.50.</summary>
    public double AP50 => PerThreshold[0];

    /// <summary>AP at OKS 0.75.</summary>
    public double AP75 => PerThreshold[5];
}
