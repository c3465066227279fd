using Lighten.Data;
using Lighten.Data.Imaging;
using Lighten.Data.Metrics;
using Lighten.Data.Pose;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>
/// COCO person-keypoint datasets for training a top-down heatmap pose model: each annotated person is cropped from
/// its box with random scale, rotation and flip (<see cref="PoseAugmentation"/>), targets are Gaussian heatmaps with
/// joint weights (<see cref="HeatmapTarget"/>), the loss is SimpleBaseline's weighted heatmap MSE, and validation
/// decodes the heatmaps of the plain box crops into PCKh@0.5 (PCK@0.2 without head boxes) as <c>lighten eval</c> does.
/// </summary>
public sealed class PoseData : TrainingData
{
    /// <summary>The annotation file each of a pose folder's <c>train/</c> and <c>val/</c> holds.</summary>
    public const string AnnotationFile = "annotations.json";

    private readonly IReadOnlyList<(int Right, int Left)> _flipPairs;
    private int _heatmapWidth, _heatmapHeight;

    /// <summary>Creates the data; both sets must have the same joints.</summary>
    /// <exception cref="DataException">The joints of the two sets differ.</exception>
    public PoseData(CocoKeypointsDataset train, CocoKeypointsDataset validation, Preprocess preprocess,
        PoseAugmentation? augmentation = null, float sigma = HeatmapTarget.DefaultSigma) : base(preprocess)
    {
        if (!train.KeypointNames.SequenceEqual(validation.KeypointNames))
            throw new DataException($"the validation set's joints ({string.Join(", ", validation.KeypointNames)}) differ from the training set's ({string.Join(", ", train.KeypointNames)})", validation.File);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        Train = train;
        Validation = validation;
        Augmentation = augmentation ?? new PoseAugmentation();
        Augmentation.Validate();
        Sigma = sigma;
        _flipPairs = PoseFlip.PairsFor(train.KeypointNames);
        MetricName = PckMeter.For(validation).Name;
    }

    /// <summary>Reads <c>train/annotations.json</c> and <c>val/annotations.json</c> under <paramref name="folder"/> (as <c>lighten data synth-pose</c> writes each).</summary>
    /// <exception cref="DataException">A file is missing or malformed, or the joints of the two sets differ.</exception>
    public static PoseData Load(string folder, Preprocess preprocess, PoseAugmentation? augmentation = null, float sigma = HeatmapTarget.DefaultSigma)
    {
        if (!Directory.Exists(folder)) throw new DataException("dataset folder not found", folder);
        string File(string part)
        {
            var path = Path.Combine(folder, part, AnnotationFile);
            return System.IO.File.Exists(path) ? path
                : throw new DataException($"expected {part}/{AnnotationFile} (COCO keypoints, e.g. written by 'lighten data synth-pose --out {Path.Combine(folder, part)}')", folder);
        }
        return new PoseData(CocoKeypointsDataset.Load(File("train")), CocoKeypointsDataset.Load(File("val")), preprocess, augmentation, sigma);
    }

    /// <summary>The training set.</summary>
    public CocoKeypointsDataset Train { get; }

    /// <summary>The validation set.</summary>
    public CocoKeypointsDataset Validation { get; }

    /// <summary>The training augmentation.</summary>
    public PoseAugmentation Augmentation { get; }

    /// <summary>Standard deviation of the target Gaussians, in heatmap pixels.</summary>
    public float Sigma { get; }

    /// <summary>Joints per person.</summary>
    public int Joints => Train.KeypointNames.Count;

    /// <inheritdoc/>
    public override string Task => "pose";

    /// <inheritdoc/>
    public override int TrainCount => Train.Annotations.Count;

    /// <inheritdoc/>
    public override int ValidationCount => Validation.Annotations.Count;

    /// <inheritdoc/>
    public override string MetricName { get; }

    private int Plane => _heatmapWidth * _heatmapHeight;

    internal override int TargetLength => Joints * (Plane + 1);

    internal override void Bind(long[] outputShape, string model)
    {
        if (outputShape is not [1, var joints, var height, var width] || joints != Joints)
            throw new DataException($"a pose model outputs Nx{Joints}xHxW heatmaps for the dataset's {Joints} joints; " +
                $"this model outputs {string.Join("x", outputShape)} for one image", model);
        (_heatmapWidth, _heatmapHeight) = ((int)width, (int)height);
    }

    internal override void WriteTrainSample(int index, Random random, Span<float> input, Span<float> target)
    {
        var person = Train.Annotations[index];
        using var image = ImageLoader.Load(Train.ImagePath(Train.ImageOf(person)));
        var view = Augmentation.Sample(random, person, image.Width, Preprocess.Width, Preprocess.Height, _flipPairs);
        Preprocess.WriteTensor(image, view.ImageToInput, input);
        HeatmapTarget.Encode(view.Keypoints, view.Crop, _heatmapWidth, _heatmapHeight,
            target[..(Joints * Plane)], target[(Joints * Plane)..], Sigma);
    }

    internal override void WriteValidationSample(int index, Span<float> input)
    {
        var person = Validation.Annotations[index];
        using var image = ImageLoader.Load(Validation.ImagePath(Validation.ImageOf(person)));
        Preprocess.WriteTensor(image, ValidationCrop(person).ImageToInput, input);
    }

    internal override Tensor Loss(Tensor output, Tensor targets)
    {
        long n = targets.shape[0], maps = Joints * Plane;
        var heatmaps = targets.narrow(1, 0, maps).reshape(n, Joints, _heatmapHeight, _heatmapWidth);
        return TrainingLosses.HeatmapMse(output, heatmaps, targets.narrow(1, maps, Joints));
    }

    internal override Tensor DistillationLoss(Tensor student, Tensor teacher, double temperature) => TrainingLosses.HeatmapMse(student, teacher);

    internal override IValidationMeter NewMeter() => new Meter(this);

    private TopDownCrop ValidationCrop(PersonAnnotation person) => TopDownCrop.FromBox(person.Box, Preprocess.Width, Preprocess.Height);

    private sealed class Meter(PoseData data) : IValidationMeter
    {
        private readonly PckMeter _pck = PckMeter.For(data.Validation);

        public double Value => _pck.Mean;

        public void Add(int index, ReadOnlySpan<float> output)
        {
            var person = data.Validation.Annotations[index];
            _pck.Add(person, HeatmapDecoder.Decode(output, data.Joints, data._heatmapWidth, data._heatmapHeight, data.ValidationCrop(person)));
        }
    }
}
