using Lighten.Data.Metrics;
using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Metrics;

public sealed class OksTests
{
    // Two keypoints with sigma 0.1 and area 100: OKS = mean exp(-d^2 / (2 x 100 x 0.04)) = mean exp(-d^2 / 8).
    private static readonly float[] Sigmas = [0.1f, 0.1f];

    private static PersonAnnotation Person(long id, long image, float x, float y, int visibility = 2, bool crowd = false) =>
        new(id, image, new BoundingBox(x - 5, y - 5, 20, 20), 100, crowd, [new(x, y, visibility), new(x + 10, y + 10, visibility)]);

    private static PoseDetection At(long image, float score, float x, float y) =>
        new(image, score, [new PredictedKeypoint(x, y, 1), new PredictedKeypoint(x + 10, y + 10, 1)]);

    [Fact]
    public void Oks_follows_the_coco_formula()
    {
        var truth = new PersonAnnotation(1, 1, new BoundingBox(0, 0, 10, 10), 100, false, [new(10, 10, 2), new(30, 30, 0)]);
        // Only the labeled keypoint counts: d = 2 gives exp(-4 / 8).
        Assert.Equal(Math.Exp(-0.5), ObjectKeypointSimilarity.Compute(truth, [new(12, 10, 1), new(0, 0, 1)], Sigmas), 6);

        // MPII sigmas differ per joint: wrist .062 vs hip .107 at the same distance 3, area 200.
        var mpii = new PersonAnnotation(1, 1, new BoundingBox(0, 0, 10, 20), 200, false,
            Enumerable.Range(0, 16).Select(j => new Keypoint(j, j, j is 2 or 10 ? 2 : 0)).ToArray());
        var predicted = Enumerable.Range(0, 16).Select(j => new PredictedKeypoint(j + 3, j, 1)).ToArray();
        double expected = (Math.Exp(-9 / (2 * 200 * 4 * 0.107 * 0.107)) + Math.Exp(-9 / (2 * 200 * 4 * 0.062 * 0.062))) / 2;
        Assert.Equal(expected, ObjectKeypointSimilarity.Compute(mpii, predicted, OksSigmas.Mpii16), 5);
    }

    [Fact]
    public void Mpii_sigmas_follow_the_documented_mapping()
    {
        Assert.Equal(16, OksSigmas.Mpii16.Count);
        Assert.Equal(OksSigmas.Mpii16, OksSigmas.For(16));
        Assert.Equal(17, OksSigmas.For(17).Count);
        for (int j = 0; j < 16; j++)
        {
            float expected = MpiiJoints.Names[j] switch
            {
                "r_ankle" or "l_ankle" => .089f,
                "r_knee" or "l_knee" or "upper_neck" or "head_top" => .087f,
                "r_hip" or "l_hip" or "pelvis" or "thorax" => .107f,
                "r_shoulder" or "l_shoulder" => .079f,
                "r_elbow" or "l_elbow" => .072f,
                _ => .062f,
            };
            Assert.Equal(expected, OksSigmas.Mpii16[j]);
        }
        Assert.Throws<DataException>(() => OksSigmas.For(5));
    }

    [Fact]
    public void Ap_over_three_people_with_a_false_positive_and_an_ignored_match()
    {
        // Image 1: people A, B. Image 2: person C and person D with no labeled keypoint (ignored).
        PersonAnnotation a = Person(1, 1, 10, 10), b = Person(2, 1, 50, 50), c = Person(3, 2, 10, 10);
        var d = new PersonAnnotation(4, 2, new BoundingBox(100, 100, 10, 10), 100, false, [new(0, 0, 0), new(0, 0, 0)]);
        float offset = MathF.Sqrt(-8 * MathF.Log(0.72f));   // OKS 0.72 with B: matches up to threshold 0.70
        PoseDetection[] detections =
        [
            At(1, 0.9f, 10, 10),              // exact on A
            At(1, 0.8f, 50 + offset, 50),     // OKS 0.72 on B
            At(2, 0.7f, 300, 300),            // far from everything: false positive
            At(2, 0.6f, 10, 10),              // exact on C
            new(2, 0.5f, [new(105, 105, 1), new(105, 105, 1)]),   // inside D's box: matches the ignored D
        ];
        Assert.Equal(0.72, ObjectKeypointSimilarity.Compute(b, detections[1].Keypoints, Sigmas), 5);

        var result = OksAveragePrecision.Evaluate([a, b, c, d], detections, Sigmas);

        // Thresholds 0.50..0.70: TP TP FP TP (ignored): recall 1/3 2/3 2/3 1, monotone precision 1 1 .75 .75;
        // recall points 0..0.33 -> 1 (34), 0.34..0.66 -> 1 (33), 0.67..1 -> 0.75 (34): 92.5 / 101.
        // Thresholds 0.75..0.95: TP FP FP TP: recall 1/3 1/3 1/3 2/3, monotone precision 1 .5 .5 .5;
        // 0..0.33 -> 1 (34), 0.34..0.66 -> 0.5 (33), above -> 0: 50.5 / 101.
        for (int t = 0; t < 5; t++) Assert.Equal(92.5 / 101, result.PerThreshold[t], 12);
        for (int t = 5; t < 10; t++) Assert.Equal(50.5 / 101, result.PerThreshold[t], 12);
        Assert.Equal(143.0 / 202, result.AP, 12);
        Assert.Equal(92.5 / 101, result.AP50, 12);
        Assert.Equal(0.5, result.AP75, 12);
        Assert.Equal(3, result.GroundTruthCount);
        Assert.Equal(5, result.DetectionCount);
        Assert.Equal(0.95, result.Thresholds[^1]);
    }

    [Fact]
    public void Perfect_detections_give_ap_one_and_unmatched_truths_lower_recall()
    {
        PersonAnnotation a = Person(1, 1, 10, 10), b = Person(2, 2, 10, 10), crowd = Person(3, 2, 60, 60, crowd: true);
        Assert.Equal(1, OksAveragePrecision.Evaluate([a, b, crowd], [At(1, 0.9f, 10, 10), At(2, 0.3f, 10, 10)], Sigmas).AP, 12);

        // Only A found (B missed): precision 1 up to recall 1/2 -> 51 of 101 points.
        Assert.Equal(51.0 / 101, OksAveragePrecision.Evaluate([a, b], [At(1, 0.9f, 10, 10)], Sigmas).AP, 12);
    }

    [Fact]
    public void Without_countable_truths_ap_is_a_data_error()
    {
        Assert.Throws<DataException>(() => OksAveragePrecision.Evaluate([Person(1, 1, 0, 0, visibility: 0)], [], Sigmas));
    }
}
