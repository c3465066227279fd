namespace Lighten.Training.Trainer;

/// <summary>The bookkeeping a checkpoint stores next to the weights and optimizer state.</summary>
/// <param name="EpochsDone">Epochs finished (training and validation).</param>
/// <param name="BestMetric">The best validation metric so far, if any.</param>
/// <param name="BestEpoch">Its epoch (0: the starting weights).</param>
/// <param name="EpochsWithoutImprovement">Epochs since the best, for early stopping.</param>
/// <param name="Run">What identifies the run (model, data, optimizer, seed...), compared on resume.</param>
/// <param name="History">The epochs' figures.</param>
internal sealed record CheckpointState(int EpochsDone, double? BestMetric, int BestEpoch, int EpochsWithoutImprovement,
    SortedDictionary<string, string> Run, List<EpochSummary> History);
