using System.Diagnostics;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Data.Imaging;
using Lighten.Runtime;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Tuning;

/// <summary>
/// Train (or fine-tune) a Graph, write the kept weights as ONNX atomically, and measure that file with ONNX Runtime:
/// what <c>lighten train</c>/<c>finetune</c>, the structural steps (G1, G2, G5) and the pipeline share.
/// </summary>
public static class ModelTuning
{
    /// <summary>Trains <paramref name="graph"/>, writes the result to <paramref name="output"/> and evaluates that file.</summary>
    /// <param name="graph">The model to train (its weights are the starting point).</param>
    /// <param name="data">Training and validation data.</param>
    /// <param name="preprocess">The preprocessing used for evaluation (the same as the data's).</param>
    /// <param name="options">Training options (already validated by the caller or here).</param>
    /// <param name="output">Where the ONNX file goes.</param>
    /// <param name="session">ONNX Runtime settings for the evaluation.</param>
    /// <param name="progress">Per-step progress, or null.</param>
    /// <param name="cancellationToken">Stops training and evaluation.</param>
    public static TuningOutcome TrainAndMeasure(Graph graph, TrainingData data, Preprocess preprocess, TrainingOptions options,
        string output, SessionOptionsSpec session, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var result = ModelTrainer.Train(graph, data, options, progress, cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        OnnxExporter.Save(result.Graph, output);
        var evaluation = Evaluate(output, data, preprocess, session,
            new EvaluationOptions { BatchSize = options.BatchSize, Workers = options.Workers }, cancellationToken);
        return new TuningOutcome(result, evaluation, seconds, output);
    }

    /// <summary>The validation metric of an ONNX file (pose: PCKh/PCK and OKS AP; classify: top-1/top-5) in ONNX Runtime.</summary>
    public static EvaluationResult Evaluate(string onnxPath, TrainingData data, Preprocess preprocess, SessionOptionsSpec session,
        EvaluationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Idle ONNX Runtime threads would otherwise spin on the cores the image decoder needs.
        using var model = ModelSession.Open(onnxPath, session with { AllowSpinning = false });
        return data switch
        {
            PoseData pose => Evaluator.Pose(model, pose.Validation, preprocess, options, cancellationToken),
            ClassificationData classes => Evaluator.Classify(model, classes.Dataset, preprocess, options, cancellationToken),
            _ => throw new InvalidOperationException($"no evaluator for task {data.Task}"),
        };
    }
}
