using Lighten.Cli.Rendering;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Data.Imaging;
using Lighten.Runtime;
using Lighten.Training.Trainer;
using Spectre.Console;

namespace Lighten.Cli.Commands;

/// <summary>
/// What <c>lighten train</c> and <c>lighten finetune</c> share: read the data, train with progress bars, write the
/// kept weights as ONNX (atomically), and measure the validation metric on that file with ONNX Runtime — the number that ships.
/// </summary>
internal sealed class TrainingJob(IAnsiConsole console, TrainingSettings settings)
{
    /// <summary>Exit code when the loss became NaN or infinite (the last good weights are still written).</summary>
    public const int Diverged = 3;

    /// <summary>How the command gets its model once the data and preprocessing are known.</summary>
    public delegate Graph ModelSource(TrainingData data, Preprocess preprocess);

    /// <summary>Runs the job. <paramref name="sizeFrom"/> gives the default input size (a model file's own); <paramref name="inputs"/> are never overwritten.</summary>
    public int Run(ModelSource model, Graph? sizeFrom, double defaultRateFactor, bool validateFirst, CancellationToken cancellationToken, params string[] inputs)
    {
        // Before the first TorchSharp call: libtorch reads the policy when it loads.
        OpenMpWaiting.PreferPassive();
        OutputGuard.EnsureNotInput(settings.Output, [.. inputs, .. settings.Teacher is null ? Array.Empty<string>() : [settings.Teacher]]);
        var preprocess = settings.Preprocess.ToPreprocess(sizeFrom is null ? null : ModelSize(sizeFrom));
        TrainingData data = settings.IsPose
            ? PoseData.Load(settings.Data, preprocess, settings.PoseAugmentation())
            : ClassificationData.Load(settings.Data, preprocess, settings.ClassificationAugmentation());
        var teacher = settings.Teacher is null ? null : OnnxImporter.Load(settings.Teacher);
        var options = settings.ToOptions(teacher, defaultRateFactor, validateFirst);
        options.Validate();
        var graph = model(data, preprocess);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = settings.Json || !console.Profile.Capabilities.Interactive
            ? ModelTrainer.Train(graph, data, options, settings.Json ? null : new TrainingLog(console), cancellationToken)
            : TrainingProgressView.Run(console, view => ModelTrainer.Train(graph, data, options, view, cancellationToken));
        double trainSeconds = clock.Elapsed.TotalSeconds;

        OnnxExporter.Save(result.Graph, settings.Output);
        var evaluation = Evaluate(data, preprocess, cancellationToken);
        var report = new TrainingReport(graph.Name, settings.Output, result, evaluation, trainSeconds);
        if (settings.Json) console.Profile.Out.Writer.WriteLine(TrainingReport.Json(report));
        else report.Render(console);
        return result.Stop == StopReason.NonFiniteLoss ? Diverged : 0;
    }

    private EvaluationResult Evaluate(TrainingData data, Preprocess preprocess, CancellationToken cancellationToken)
    {
        // Idle ONNX Runtime threads would otherwise spin on the cores the image decoder needs.
        using var session = ModelSession.Open(settings.Output, settings.Session with { AllowSpinning = false });
        var options = new EvaluationOptions { BatchSize = settings.Batch, Workers = settings.Workers };
        return data switch
        {
            PoseData pose => Evaluator.Pose(session, pose.Validation, preprocess, options, cancellationToken),
            ClassificationData classes => Evaluator.Classify(session, classes.Dataset, preprocess, options, cancellationToken),
            _ => throw new InvalidOperationException($"no evaluator for task {data.Task}"),
        };
    }

    /// <summary>The input size a model fixes, as the default preprocessing (null when symbolic).</summary>
    public static Preprocess? ModelSize(Graph graph) =>
        graph.Inputs is [{ Shape: { Rank: 4 } shape }] && shape[2].Value is long h && shape[3].Value is long w ? new Preprocess((int)w, (int)h) : null;
}
