using Lighten.Data;
using Lighten.Data.Imaging;
using Lighten.Data.Pose;

namespace Lighten.Runtime.Calibration;

/// <summary>Top-down crops of the annotated people of a COCO keypoints set, as the pose evaluator feeds them.</summary>
public sealed class PoseCalibrationSource : CalibrationSource
{
    private readonly CocoKeypointsDataset dataset;
    private readonly int[] annotations;
    private readonly Preprocess preprocess;

    /// <summary>Takes every annotated person, or a seeded random subset of <paramref name="count"/>.</summary>
    /// <exception cref="DataException">The set has no annotations.</exception>
    public PoseCalibrationSource(CocoKeypointsDataset dataset, Preprocess preprocess, int count, int seed = 0)
    {
        if (dataset.Annotations.Count == 0) throw new DataException("the pose set has no annotated people to calibrate on", dataset.File);
        this.dataset = dataset;
        this.preprocess = preprocess;
        annotations = Subset(dataset.Annotations.Count, count, seed);
    }

    /// <inheritdoc/>
    public override int Count => annotations.Length;

    /// <inheritdoc/>
    public override int Width => preprocess.Width;

    /// <inheritdoc/>
    public override int Height => preprocess.Height;

    /// <inheritdoc/>
    public override string Description => $"{annotations.Length} person crops from {dataset.File}";

    /// <inheritdoc/>
    public override void Write(int index, Span<float> chw)
    {
        var person = dataset.Annotations[annotations[index]];
        var crop = TopDownCrop.FromBox(person.Box, preprocess.Width, preprocess.Height);
        using var image = ImageLoader.Load(dataset.ImagePath(dataset.ImageOf(person)));
        preprocess.WriteTensor(image, crop.ImageToInput, chw);
    }
}
