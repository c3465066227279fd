namespace Lighten.Training.Trainer;

/// <summary>How a training pass over one epoch went.</summary>
/// <param name="Loss">Mean loss over the samples trained on.</param>
/// <param name="LearningRate">The rate of the last step.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="ImagesPerSecond">Samples per second.</param>
/// <param name="DivergedAtStep">The step (from 1) whose loss was not finite, if any; the epoch stopped there.</param>
/// <param name="DivergedLoss">That loss.</param>
internal sealed record EpochOutcome(double Loss, double LearningRate, double Seconds, double ImagesPerSecond,
    int? DivergedAtStep = null, double DivergedLoss = 0);
