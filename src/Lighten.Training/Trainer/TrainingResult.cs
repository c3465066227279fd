using System.Globalization;
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
    IReadOnlyList<EpochSummary> History, StopReason Stop, string Message, int ResumedAfterEpoch)
{
    /// <summary>
    /// The learning curve in one phrase: the validation metric after each epoch, in percent ("PCKh@0.5 % per epoch:
    /// 0 → 2.90, 1 → 11.96, 2 → 12.19"; epoch 0 is the starting weights when they were validated), empty without history.
    /// </summary>
    public string Curve => History.Count == 0 ? "" :
        $"{MetricName} % per epoch: " + string.Join(", ", History.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Epoch} → {100 * e.Metric:0.00}")));

    /// <summary><see cref="Message"/> followed by <see cref="Curve"/>: what a report says of a training run.</summary>
    public string Summary => Curve.Length == 0 ? Message : $"{Message}; {Curve}";
}
