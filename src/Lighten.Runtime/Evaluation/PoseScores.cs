using Lighten.Data.Pose;

namespace Lighten.Runtime;

/// <summary>The pose metrics of an evaluation (pending the data branch's metrics).</summary>
internal static class PoseScores
{
    public static (Metric Primary, IReadOnlyList<Metric> Metrics, IReadOnlyList<Metric> PerJoint) Compute(
        CocoKeypointsDataset dataset, IReadOnlyList<PersonAnnotation> truth, IReadOnlyList<PredictedKeypoint[]> predicted) =>
        throw new NotSupportedException("pose metrics are not merged yet");
}
