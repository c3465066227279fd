using Lighten.Data.Pose;

namespace Lighten.Data.Metrics;

/// <summary>
/// COCO keypoint AP as pycocotools' COCOeval (iouType 'keypoints', area range 'all'): per image, detections in
/// descending score order (at most 20) are matched greedily to the unmatched truth of highest OKS at or above each
/// threshold; crowd truths and truths without labeled keypoints are ignored (a detection matched to one is neither
/// true nor false positive); precision is made monotone and read at the 101 recall points 0, 0.01, ..., 1.
/// </summary>
public static class OksAveragePrecision
{
    /// <summary>The OKS thresholds 0.50, 0.55, ..., 0.95.</summary>
    public static readonly IReadOnlyList<double> Thresholds =
        Enumerable.Range(0, 10).Select(i => i == 9 ? 0.95 : 0.5 + i * ((0.95 - 0.5) / 9)).ToArray();   // numpy's linspace values

    private const int RecallPoints = 101;

    /// <summary>Evaluates <paramref name="detections"/> against <paramref name="truths"/>.</summary>
    /// <exception cref="DataException">No truth counts (every person is crowd or has no labeled keypoint).</exception>
    public static OksApResult Evaluate(
        IReadOnlyList<PersonAnnotation> truths, IReadOnlyList<PoseDetection> detections, IReadOnlyList<float> sigmas, int maxDetectionsPerImage = 20)
    {
        var truthsByImage = truths.GroupBy(t => t.ImageId).ToDictionary(g => g.Key, g => g.ToList());
        var detectionsByImage = detections.GroupBy(d => d.ImageId).ToDictionary(g => g.Key, g => g.ToList());
        int counted = truths.Count(t => !Ignored(t));
        if (counted == 0) throw new DataException("OKS AP needs at least one person with labeled keypoints that is not a crowd");

        // Per evaluated detection, in cocoeval's order (image id, then score): its score and per threshold matched/ignored.
        var scores = new List<float>();
        var matched = new List<bool[]>();
        var ignored = new List<bool[]>();
        foreach (long imageId in truthsByImage.Keys.Union(detectionsByImage.Keys).Order())
        {
            var gts = truthsByImage.GetValueOrDefault(imageId, []).OrderBy(Ignored).ToList();    // stable: counted first
            var dts = detectionsByImage.GetValueOrDefault(imageId, [])
                .OrderByDescending(d => d.Score).Take(maxDetectionsPerImage).ToList();           // stable
            var (m, ig) = MatchImage(gts, dts, sigmas);
            scores.AddRange(dts.Select(d => d.Score));
            matched.AddRange(m);
            ignored.AddRange(ig);
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();   // stable, as mergesort
        var perThreshold = new double[Thresholds.Count];
        for (int t = 0; t < Thresholds.Count; t++)
            perThreshold[t] = InterpolatedPrecision(order.Select(i => (matched[i][t], ignored[i][t])), counted);
        return new OksApResult(perThreshold.Average(), Thresholds, perThreshold, counted, scores.Count);
    }

    private static bool Ignored(PersonAnnotation truth) => truth.IsCrowd || truth.LabeledCount == 0;

    /// <summary>cocoeval's evaluateImg: for each detection and threshold, whether it matched and whether it is ignored.</summary>
    private static (bool[][] Matched, bool[][] Ignored) MatchImage(List<PersonAnnotation> gts, List<PoseDetection> dts, IReadOnlyList<float> sigmas)
    {
        var oks = new double[dts.Count, gts.Count];
        for (int d = 0; d < dts.Count; d++)
        for (int g = 0; g < gts.Count; g++)
            oks[d, g] = ObjectKeypointSimilarity.Compute(gts[g], dts[d].Keypoints, sigmas);

        var matched = new bool[dts.Count][];
        var ignored = new bool[dts.Count][];
        for (int d = 0; d < dts.Count; d++)
        {
            matched[d] = new bool[Thresholds.Count];
            ignored[d] = new bool[Thresholds.Count];
        }
        for (int t = 0; t < Thresholds.Count; t++)
        {
            var taken = new bool[gts.Count];
            for (int d = 0; d < dts.Count; d++)
            {
                double best = Math.Min(Thresholds[t], 1 - 1e-10);
                int m = -1;
                for (int g = 0; g < gts.Count; g++)
                {
                    if (taken[g] && !gts[g].IsCrowd) continue;
                    // Truths are sorted counted-first: once matched to a counted truth, never move to an ignored one.
                    if (m > -1 && !Ignored(gts[m]) && Ignored(gts[g])) break;
                    if (oks[d, g] < best) continue;
                    best = oks[d, g];
                    m = g;
                }
                if (m == -1) continue;
                matched[d][t] = true;
                ignored[d][t] = Ignored(gts[m]);
                taken[m] = true;
            }
        }
        return (matched, ignored);
    }

    /// <summary>cocoeval's accumulate for one threshold: 101-point interpolated precision over the ranked detections.</summary>
    private static double InterpolatedPrecision(IEnumerable<(bool Matched, bool Ignored)> ranked, int truthCount)
    {
        var recall = new List<double>();
        var precision = new List<double>();
        int tp = 0, fp = 0;
        foreach (var (isMatched, isIgnored) in ranked)
        {
            if (isMatched && !isIgnored) tp++;
            if (!isMatched && !isIgnored) fp++;
            recall.Add((double)tp / truthCount);
            precision.Add(tp / (tp + fp + ObjectKeypointSimilarity.Spacing));
        }
        for (int i = precision.Count - 1; i > 0; i--)
            precision[i - 1] = Math.Max(precision[i - 1], precision[i]);

        double sum = 0;
        int index = 0;
        for (int r = 0; r < RecallPoints; r++)
        {
            double point = r * 0.01;   // numpy's linspace(0, 1, 101) computes i x 0.01
            while (index < recall.Count && recall[index] < point) index++;
            if (index < recall.Count) sum += precision[index];
        }
        return sum / RecallPoints;
    }
}
