namespace Lighten.Training.Trainer;

/// <summary>The figures of one finished epoch (epoch 0 is the validation of the starting weights).</summary>
/// <param name="Epoch">The epoch, from 1 (0 for the starting weights).</param>
/// <param name="Loss">Mean training loss over the epoch's samples (0 for epoch 0).</param>
/// <param name="Metric">The validation metric after the epoch.</param>
/// <param name="LearningRate">The learning rate of the epoch's last step.</param>
/// <param name="TrainSeconds">Wall time of the training pass.</param>
/// <param name="ValidationSeconds">Wall time of the validation pass.</param>
/// <param name="ImagesPerSecond">Training samples per second (decoding included).</param>
/// <param name="IsBest">Whether the metric was the best so far (those weights are kept).</param>
public sealed record EpochSummary(int Epoch, double Loss, double Metric, double LearningRate,
    double TrainSeconds, double ValidationSeconds, double ImagesPerSecond, bool IsBest);
