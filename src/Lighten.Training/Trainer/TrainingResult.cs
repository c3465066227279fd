using Lighten.Core;

namespace Lighten.Training.Trainer;

/// <summary>What <see cref="ModelTrainer.Train"/> produced.</summary>
/// <param name="Graph">The model with the kept weights: those of the best validated epoch (or the starting weights if none finished).</param>
/// <param name="MetricName">The validation metric's name.</param>
/// <param name="BestMetric">The kept weights' validation metric, if they were validated.</param>
/// <param name="BestEpoch">The epoch of the kept weights (0: the starting weights).</param>
/// <param name="History">Every validated epoch, resumed ones included.</param>
/// <param name="Stop">Why the run ended.</param>
/// <param name="Message">One line on how it ended, naming the step and loss when it diverged.</param>
/// <param name="ResumedAfterEpoch">The epochs a checkpoint had already done (0 for a fresh run).</param>
public sealed record TrainingResult(Graph Graph, string MetricName, double? BestMetric, int BestEpoch,
    IReadOnlyList<EpochSummary> History, StopReason Stop, string Message, int ResumedAfterEpoch);
