using Lighten.Data.Imaging;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>
/// A task's data as the trainer consumes it: training samples written with augmentation into an input and a target
/// row, validation samples written as evaluation sees them, the task loss and distillation loss, and the validation
/// metric (the same as <c>lighten eval</c> computes). <see cref="ClassificationData"/> and <see cref="PoseData"/> are the tasks.
/// </summary>
public abstract class TrainingData
{
    private protected TrainingData(Preprocess preprocess) => Preprocess = preprocess;

    /// <summary>How images become inputs; validation uses it as evaluation does.</summary>
    public Preprocess Preprocess { get; }

    /// <summary>The task name: <c>classify</c> or <c>pose</c>.</summary>
    public abstract string Task { get; }

    /// <summary>Training samples (images, or annotated people).</summary>
    public abstract int TrainCount { get; }

    /// <summary>Validation samples.</summary>
    public abstract int ValidationCount { get; }

    /// <summary>The validation metric's name, such as <c>top1</c> or <c>PCKh@0.5</c>.</summary>
    public abstract string MetricName { get; }

    /// <summary>Floats of one sample's target row (set once the model's output shape is known).</summary>
    internal abstract int TargetLength { get; }

    /// <summary>Checks the model's output shape for one sample ([1, ...]) against the data and sizes the targets.</summary>
    internal abstract void Bind(long[] outputShape, string model);

    /// <summary>Writes training sample <paramref name="index"/>, augmented with <paramref name="random"/>.</summary>
    internal abstract void WriteTrainSample(int index, Random random, Span<float> input, Span<float> target);

    /// <summary>Writes validation sample <paramref name="index"/> as evaluation does.</summary>
    internal abstract void WriteValidationSample(int index, Span<float> input);

    /// <summary>The task loss of a batch of outputs against its target rows [N, <see cref="TargetLength"/>].</summary>
    internal abstract Tensor Loss(Tensor output, Tensor targets);

    /// <summary>The distillation loss of the student's outputs against the teacher's.</summary>
    internal abstract Tensor DistillationLoss(Tensor student, Tensor teacher, double temperature);

    /// <summary>A new accumulator of the validation metric.</summary>
    internal abstract IValidationMeter NewMeter();
}
