namespace Lighten.Training.Trainer;

/// <summary>A progress report of <see cref="ModelTrainer"/>, made on the training thread after each step, validation batch and epoch.</summary>
/// <param name="Phase">What finished.</param>
/// <param name="Epoch">The current epoch, from 1 (0 while validating the starting weights).</param>
/// <param name="Epochs">Epochs of the run.</param>
/// <param name="Step">Steps (or validation batches) done in this phase of the epoch.</param>
/// <param name="Steps">Steps (or validation batches) of this phase of the epoch.</param>
/// <param name="Loss">Mean training loss of the epoch so far.</param>
/// <param name="LearningRate">The current learning rate.</param>
/// <param name="ImagesPerSecond">Training samples per second over the epoch so far.</param>
/// <param name="MetricName">The validation metric's name.</param>
/// <param name="BestMetric">The best validation metric so far, if any.</param>
/// <param name="Summary">The finished epoch's figures (with <see cref="TrainingPhase.EpochEnd"/>).</param>
public sealed record TrainingProgress(TrainingPhase Phase, int Epoch, int Epochs, int Step, int Steps, double Loss,
    double LearningRate, double ImagesPerSecond, string MetricName, double? BestMetric, EpochSummary? Summary = null);
