using System.Globalization;
using Lighten.Core;
using Lighten.Core.Transforms;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Transforms.Prune;
using Lighten.Data.Imaging;
using Lighten.Runtime;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Tuning;

/// <summary>
/// The pruning capability (G5: <c>lighten prune</c> and the pipeline's G5). Structured: channels are removed over the
/// channel dependency graph, then the smaller model is fine-tuned. Unstructured: without fine-tuning the smallest weights
/// become zeros at once; with fine-tuning the dense model is trained while the sparsity rises on the polynomial schedule
/// (<see cref="SparsitySchedule"/>) to the final one, and the masks stay fixed after the ramp.
/// </summary>
public static class ModelPruning
{
    /// <summary>How the dense model must be prepared: privatized weights and fixed sizes (MACs, or the pruned model's timing).</summary>
    public static PreparationOptions Preparation(PruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PreparationOptions.Rewrite.NeedingSizes(options.Structured ? "counting the MACs pruning removes" : "timing the pruned model");
    }

    /// <summary>Prunes <paramref name="dense"/> without fine-tuning: channels removed (structured) or the smallest weights zeroed.</summary>
    public static PassResult Prune(PreparedModel dense, PruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(options);
        return options.Structured ? PruneChannels.Run(dense.Graph, options.Channels) : PruneMagnitude.Run(dense.Graph, options.Magnitude);
    }

    /// <summary>
    /// <paramref name="training"/> with the unstructured sparsity schedule of <paramref name="options"/> on the weights of
    /// <paramref name="dense"/>, its steps counted over <paramref name="data"/>'s training set; structured pruning keeps them.
    /// </summary>
    /// <exception cref="OptionException">The initial sparsity is outside [0, final sparsity].</exception>
    public static TrainingOptions WithSchedule(Graph dense, PruneOptions options, TrainingOptions training, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(data);
        if (options.Structured) return training;
        var magnitude = options.Magnitude;
        if (!(options.InitialSparsity >= 0 && options.InitialSparsity <= magnitude.Sparsity))
            throw new OptionException($"--initial-sparsity must lie in [0, {F($"{magnitude.Sparsity}")}], got {F($"{options.InitialSparsity}")}");
        if (options.PruneEvery < 1) throw new OptionException($"--prune-every must be at least 1, got {options.PruneEvery}");
        var weights = PruneMagnitude.SelectWeights(dense, magnitude).Select(l => l.Weight).ToArray();
        int steps = Math.Max(1, data.TrainCount >= training.BatchSize ? data.TrainCount / training.BatchSize : 1);
        double ramp = options.RampEpochs ?? training.Epochs / 2.0;
        int updates = (int)Math.Floor(ramp * steps / options.PruneEvery);
        return training with { Sparsity = new SparsitySchedule(weights, options.InitialSparsity, magnitude.Sparsity, 0, updates, options.PruneEvery, magnitude.Global) };
    }

    /// <summary>The model fine-tuning starts from: the channel-pruned graph (structured) or the dense one (unstructured: the schedule prunes it).</summary>
    public static (PassResult Pass, Graph Start) Start(PreparedModel dense, PruneOptions options)
    {
        var pass = Prune(dense, options);
        return (pass, options.Structured ? pass.Graph : dense.Graph);
    }

    /// <summary>
    /// Prunes <paramref name="dense"/> and fine-tunes it with <paramref name="training"/> (the schedule added for
    /// unstructured pruning), writes <paramref name="output"/> and measures that file in ONNX Runtime.
    /// </summary>
    public static PruneOutcome FineTune(PreparedModel dense, PruneOptions options, TrainingData data, Preprocess preprocess, TrainingOptions training,
        string output, SessionOptionsSpec session, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (pass, start) = Start(dense, options);
        var tuning = ModelTuning.TrainAndMeasure(start, data, preprocess, WithSchedule(dense.Graph, options, training, data), output, session, progress, cancellationToken);
        return new PruneOutcome(pass, tuning);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
