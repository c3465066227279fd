using Lighten.Data;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;
using Lighten.Data.Metrics;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>
/// An ImageFolder dataset for training a classifier: training images cropped and flipped at random
/// (<see cref="ClassificationAugmentation"/>), validation images resized as <c>lighten eval</c> does, cross-entropy
/// loss, top-1 accuracy.
/// </summary>
public sealed class ClassificationData : TrainingData
{
    /// <summary>Creates the data; the dataset needs training and validation images.</summary>
    /// <exception cref="DataException">The dataset has no training or no validation images.</exception>
    public ClassificationData(ImageFolderDataset dataset, Preprocess preprocess, ClassificationAugmentation? augmentation = null) : base(preprocess)
    {
        Dataset = dataset;
        Augmentation = augmentation ?? new ClassificationAugmentation();
        Augmentation.Validate();
        if (dataset.Train.Count == 0) throw new DataException("the dataset has no training images", dataset.Root);
        if (dataset.Validation.Count == 0) throw new DataException("the dataset has no validation images", dataset.Root);
    }

    /// <summary>Reads an ImageFolder: <c>train/</c> and <c>val/</c> with one folder per class (or class folders, 20 % held out per class).</summary>
    /// <exception cref="DataException">The folder is missing, malformed, or lacks training or validation images.</exception>
    public static ClassificationData Load(string folder, Preprocess preprocess, ClassificationAugmentation? augmentation = null) =>
        new(ImageFolderDataset.Load(folder), preprocess, augmentation);

    /// <summary>The dataset.</summary>
    public ImageFolderDataset Dataset { get; }

    /// <summary>The training augmentation.</summary>
    public ClassificationAugmentation Augmentation { get; }

    /// <inheritdoc/>
    public override string Task => "classify";

    /// <inheritdoc/>
    public override int TrainCount => Dataset.Train.Count;

    /// <inheritdoc/>
    public override int ValidationCount => Dataset.Validation.Count;

    /// <inheritdoc/>
    public override string MetricName => "top1";

    internal override int TargetLength => 1;

    internal override void Bind(long[] outputShape, string model)
    {
        if (outputShape is not [1, var classes] || classes < Dataset.Classes.Count)
            throw new DataException($"a classifier outputs Nx(classes) scores for the dataset's {Dataset.Classes.Count} classes; " +
                $"this model outputs {string.Join("x", outputShape)} for one image", model);
    }

    internal override void WriteTrainSample(int index, Random random, Span<float> input, Span<float> target)
    {
        var sample = Dataset.Train[index];
        using var image = ImageLoader.Load(sample.Path);
        Preprocess.WriteTensor(image, Augmentation.Sample(random, image.Width, image.Height, Preprocess), input);
        target[0] = sample.Label;
    }

    internal override void WriteValidationSample(int index, Span<float> input)
    {
        using var image = ImageLoader.Load(Dataset.Validation[index].Path);
        Preprocess.WriteTensor(image, input);
    }

    internal override Tensor Loss(Tensor output, Tensor targets) => TrainingLosses.CrossEntropy(output, targets.select(1, 0).to_type(ScalarType.Int64));

    internal override Tensor DistillationLoss(Tensor student, Tensor teacher, double temperature) => TrainingLosses.SoftenedKl(student, teacher, temperature);

    internal override IValidationMeter NewMeter() => new Meter(Dataset.Validation);

    private sealed class Meter(IReadOnlyList<ImageSample> samples) : IValidationMeter
    {
        private readonly ClassificationAccuracy _accuracy = new();

        public double Value => _accuracy.Top1;

        public void Add(int index, ReadOnlySpan<float> output) => _accuracy.Add(output, samples[index].Label);
    }
}
