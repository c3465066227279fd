using System.Globalization;
using Lighten.Core;

namespace Lighten.Training.Trainer;

/// <summary>
/// Trains a Lighten <see cref="Graph"/> with TorchSharp: per epoch an augmented pass over the training data (decoded
/// in parallel, in a seeded order), then validation with the task metric in eval mode; the best weights are kept,
/// early stopping ends a run that stopped improving, a NaN or infinite loss ends it keeping the last good weights,
/// and a checkpoint after every epoch lets an interrupted run resume exactly.
/// </summary>
public static class ModelTrainer
{
    /// <summary>
    /// Trains <paramref name="graph"/> (one image input [N, 3, H, W] of the preprocessing's size) on
    /// <paramref name="data"/> and returns the graph with the kept weights. Cancellation throws
    /// <see cref="OperationCanceledException"/>; the last checkpoint stays.
    /// </summary>
    /// <exception cref="OptionException">An option is out of range, the model's input disagrees with the preprocessing, the teacher's output differs from the student's, or the checkpoint belongs to another run.</exception>
    /// <exception cref="Lighten.Data.DataException">The model's output does not fit the data, or an image cannot be read.</exception>
    /// <exception cref="GraphModuleException">The graph has an op TorchSharp cannot run.</exception>
    /// <exception cref="Native.NativeEngineException">libtorch cannot train on this CPU, or BF16 is asked for where its gradients are wrong.</exception>
    public static TrainingResult Train(Graph graph, TrainingData data, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        CheckInput(graph, data);
        // Before set_num_threads loads libtorch; BF16 is refused (where wrong here) when the run's GraphModule is set to it.
        Native.NativeEngine.Prepare();
        if (options.Threads is int threads) TorchSharp.torch.set_num_threads(threads);
        using var run = new TrainingRun(graph, data, options, progress, cancellationToken);
        if (options.Sparsity is { } pruning && pruning.EndStep > options.Epochs * run.StepsPerEpoch)
            throw new OptionException($"the sparsity schedule ends at step {pruning.EndStep}, after the {options.Epochs * run.StepsPerEpoch} steps of {options.Epochs} epochs");
        var identity = RunIdentity.Of(graph, run.Module, data, options);

        var history = new List<EpochSummary>();
        double? best = null;
        int bestEpoch = 0, sinceBest = 0, resumedAfter = 0;
        byte[] bestWeights;
        var restored = options.Resume ? Checkpoint.Load(options.CheckpointDirectory!, identity, run.Module, run.Optimizer) : null;
        if (restored is { State: var state, BestWeights: var weights })
        {
            (resumedAfter, best, bestEpoch, sinceBest, bestWeights) = (state.EpochsDone, state.BestMetric, state.BestEpoch, state.EpochsWithoutImprovement, weights);
            history.AddRange(state.History);
        }
        else
        {
            bestWeights = ModuleState.Save(run.Module);
            if (options.ValidateBeforeTraining)
            {
                // Under a sparsity schedule the starting weights are not yet as sparse as asked, so they never count as the best.
                double start = run.Validate(0, null);
                bool counts = options.Sparsity is null;
                if (counts) best = start;
                history.Add(new EpochSummary(0, 0, start, 0, 0, 0, 0, IsBest: counts));
                progress?.Report(new TrainingProgress(TrainingPhase.EpochEnd, 0, options.Epochs, 0, 0, 0, 0, 0, data.MetricName, best, history[^1]));
            }
        }

        var stop = StopReason.Completed;
        string message = "";
        for (int epoch = resumedAfter + 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = run.TrainEpoch(epoch, best);
            if (outcome.DivergedAtStep is int step)
            {
                stop = StopReason.NonFiniteLoss;
                message = $"training stopped in epoch {epoch}, step {step} of {run.StepsPerEpoch}: the loss became {Format(outcome.DivergedLoss)} " +
                    $"(learning rate {Format(outcome.LearningRate)}); kept " +
                    (best is double b ? $"the weights of {(bestEpoch == 0 ? "the start" : $"epoch {bestEpoch}")} ({data.MetricName} {Format(b)})" : "the starting weights (no epoch finished)") +
                    "; lower the learning rate or add warm-up";
                break;
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            double metric = run.Validate(epoch, best);
            bool sparseEnough = options.Sparsity is not { } schedule || epoch * run.StepsPerEpoch >= schedule.EndStep;
            bool isBest = sparseEnough && (best is null || metric > best);
            if (isBest)
            {
                (best, bestEpoch, sinceBest) = (metric, epoch, 0);
                bestWeights = ModuleState.Save(run.Module);
            }
            else
            {
                sinceBest++;
            }
            var summary = new EpochSummary(epoch, outcome.Loss, metric, outcome.LearningRate, outcome.Seconds, clock.Elapsed.TotalSeconds, outcome.ImagesPerSecond, isBest);
            history.Add(summary);
            if (options.CheckpointDirectory is { } directory)
                Checkpoint.Save(directory, new CheckpointState(epoch, best, bestEpoch, sinceBest, identity, history), run.Module, run.Optimizer, bestWeights);
            progress?.Report(new TrainingProgress(TrainingPhase.EpochEnd, epoch, options.Epochs, run.StepsPerEpoch, run.StepsPerEpoch,
                outcome.Loss, outcome.LearningRate, outcome.ImagesPerSecond, data.MetricName, best, summary));
            if (options.Patience is int patience && sinceBest >= patience && epoch < options.Epochs)
            {
                stop = StopReason.EarlyStopped;
                message = $"stopped early after epoch {epoch}: {data.MetricName} has not improved for {patience} epochs; kept epoch {bestEpoch} ({data.MetricName} {Format(best!.Value)})";
                break;
            }
        }
        if (stop == StopReason.Completed)
            message = best is double kept
                ? $"trained {options.Epochs} epochs; kept {(bestEpoch == 0 ? "the starting weights" : $"epoch {bestEpoch}")} ({data.MetricName} {Format(kept)})"
                : $"trained {options.Epochs} epochs";

        if (run.StatisticsNote is { } note) message = message.Length == 0 ? note : $"{message}; {note}";
        ModuleState.Load(run.Module, bestWeights);
        return new TrainingResult(run.Module.ToGraph(), data.MetricName, best, bestEpoch, history, stop, message, resumedAfter);
    }

    private static void CheckInput(Graph graph, TrainingData data)
    {
        if (graph.Inputs.Length != 1)
            throw new OptionException($"training feeds one image input; the model '{graph.Name}' has {graph.Inputs.Length} ({string.Join(", ", graph.Inputs.Select(i => i.Name))})");
        var input = graph.Inputs[0];
        long[] expected = [-1, 3, data.Preprocess.Height, data.Preprocess.Width];
        bool agrees = input.Shape is null
            || (input.Shape.Rank == 4 && Enumerable.Range(1, 3).All(d => input.Shape[d].Value is not long v || v == expected[d]));
        if (!agrees)
            throw new OptionException($"the model's input '{input.Name}' is {input.Shape} but the preprocessing makes Nx3x{data.Preprocess.Height}x{data.Preprocess.Width} ({OptionKey.Ref(OptionKey.Size)} {data.Preprocess.Width}x{data.Preprocess.Height})");
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
