using Lighten.Data.Pose;

namespace Lighten.Data.Metrics;

/// <summary>
/// Percentage of correct keypoints: a labeled joint (visibility above 0) is correct when the prediction lies within
/// <see cref="Alpha"/> x the reference size of the truth (distance &lt;= threshold, as MPII's evaluation). Accumulates
/// per joint over people (not thread-safe); the mean is over all counted joints.
/// </summary>
public sealed class PckMeter
{
    /// <summary>MPII's factor from head box diagonal to head size.</summary>
    public const double HeadSizeFactor = 0.6;

    private readonly int[] correct;
    private readonly int[] counted;

    /// <summary>Creates a meter; <paramref name="alpha"/> defaults to 0.5 for head size and 0.2 for box size.</summary>
    public PckMeter(int jointCount, PckNormalization normalization, double? alpha = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jointCount);
        Normalization = normalization;
        Alpha = alpha ?? (normalization == PckNormalization.HeadSize ? 0.5 : 0.2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Alpha);
        correct = new int[jointCount];
        counted = new int[jointCount];
    }

    /// <summary>PCKh@0.5 when every annotation with labeled joints has a head box, otherwise PCK@0.2 by box size.</summary>
    public static PckMeter For(CocoKeypointsDataset dataset) =>
        new(dataset.KeypointNames.Count, dataset.HasHeadBoxes ? PckNormalization.HeadSize : PckNormalization.BoxSize);

    /// <summary>The reference size.</summary>
    public PckNormalization Normalization { get; }

    /// <summary>The threshold as a fraction of the reference size.</summary>
    public double Alpha { get; }

    /// <summary>The metric's usual name, e.g. <c>PCKh@0.5</c> or <c>PCK@0.2</c>.</summary>
    public string Name => $"{(Normalization == PckNormalization.HeadSize ? "PCKh" : "PCK")}@{Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Labeled joints counted so far, per joint.</summary>
    public IReadOnlyList<int> Counts => counted;

    /// <summary>Fraction of correct joints per joint, in [0, 1] (0 for a joint never labeled; see <see cref="Counts"/>).</summary>
    public IReadOnlyList<double> PerJoint => correct.Select((c, j) => counted[j] == 0 ? 0 : (double)c / counted[j]).ToArray();

    /// <summary>Fraction of correct joints over all counted joints, in [0, 1].</summary>
    public double Mean => counted.Sum() is int total and > 0 ? (double)correct.Sum() / total : 0;

    /// <summary>Scores the predictions for one annotated person.</summary>
    /// <exception cref="DataException">Head-size normalization and the annotation has labeled joints but no head box.</exception>
    public void Add(PersonAnnotation truth, IReadOnlyList<PredictedKeypoint> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Keypoints.Count != correct.Length || predicted.Count != correct.Length)
            throw new ArgumentException($"expected {correct.Length} keypoints, got {truth.Keypoints.Count} labeled and {predicted.Count} predicted");
        if (truth.LabeledCount == 0) return;

        double threshold = Threshold(truth);
        for (int j = 0; j < correct.Length; j++)
        {
            var t = truth.Keypoints[j];
            if (!t.IsLabeled) continue;
            counted[j]++;
            double dx = predicted[j].X - t.X, dy = predicted[j].Y - t.Y;
            if (Math.Sqrt(dx * dx + dy * dy) <= threshold) correct[j]++;
        }
    }

    /// <summary>The distance (image pixels) within which a prediction of <paramref name="truth"/>'s joints counts as correct.</summary>
    /// <exception cref="DataException">Head-size normalization and the annotation has no head box.</exception>
    public double Threshold(PersonAnnotation truth) => Alpha * ReferenceSize(truth);

    private double ReferenceSize(PersonAnnotation truth) => Normalization switch
    {
        PckNormalization.HeadSize => HeadSizeFactor * (truth.HeadBox
            ?? throw new DataException($"annotation {truth.Id}: PCKh needs a head_box")).Diagonal,
        _ => truth.Box.MaxSide,
    };
}
