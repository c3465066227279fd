using Lighten.Data.Metrics;
using Lighten.Data.Pose;

namespace Lighten.Runtime;

/// <summary>The pose metrics of an evaluation: PCKh@0.5 (or PCK@0.2) overall and per joint, and COCO OKS AP.</summary>
internal static class PoseScores
{
    public static (Metric Primary, IReadOnlyList<Metric> Metrics, IReadOnlyList<Metric> PerJoint) Compute(
        CocoKeypointsDataset dataset, IReadOnlyList<PersonAnnotation> truths, IReadOnlyList<PredictedKeypoint[]> predicted)
    {
        var pck = PckMeter.For(dataset);
        for (int i = 0; i < truths.Count; i++) pck.Add(truths[i], predicted[i]);
        var primary = new Metric(pck.Name, pck.Mean);
        var metrics = new List<Metric> { primary };

        // OKS needs per-joint falloff constants, known for MPII's 16 and COCO's 17 joints only; and a counted person.
        int joints = dataset.KeypointNames.Count;
        if (joints is 16 or 17 && truths.Any(t => !t.IsCrowd && t.LabeledCount > 0))
        {
            var detections = truths.Select((t, i) => PoseDetection.FromKeypoints(t.ImageId, predicted[i])).ToList();
            var ap = OksAveragePrecision.Evaluate(truths, detections, OksSigmas.For(joints));
            metrics.Add(new Metric("OKS AP", ap.AP));
            metrics.Add(new Metric("OKS AP50", ap.AP50));
            metrics.Add(new Metric("OKS AP75", ap.AP75));
        }
        var perJoint = pck.PerJoint.Select((v, j) => new Metric(dataset.KeypointNames[j], v)).ToList();
        return (primary, metrics, perJoint);
    }
}
