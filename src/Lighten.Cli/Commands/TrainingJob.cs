using Lighten.Data.Pose;
using Lighten.Cli.Rendering;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Data.Imaging;
using Lighten.Pipeline.Tuning;
using Lighten.Training.Native;
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

    /// <summary>The teacher when <c>--teacher</c> is not given (such as the model before a structural step); null: none.</summary>
    public Graph? DefaultTeacher { get; init; }

    /// <summary>The training and validation data of <c>--data</c> for <c>--task</c>, with the augmentation the flags ask for.</summary>
    public static TrainingData LoadData(TrainingSettings settings, Preprocess preprocess) => settings.IsPose
        ? PoseData.Load(settings.Data, preprocess, settings.PoseAugmentation(), (float)(settings.HeatmapSigma ?? HeatmapTarget.DefaultSigma))
        : ClassificationData.Load(settings.Data, preprocess, settings.ClassificationAugmentation());

    /// <summary>How a command trains instead of <see cref="ModelTuning.TrainAndMeasure"/> on the model (pruning: its library entry point); null: that.</summary>
    public Func<TrainingData, Preprocess, TrainingOptions, IProgress<TrainingProgress>?, CancellationToken, TuningOutcome>? Tune { get; init; }

    /// <summary>Runs the job. <paramref name="sizeFrom"/> gives the default input size (a model file's own); <paramref name="inputs"/> are never overwritten.</summary>
    public int Run(ModelSource model, Graph? sizeFrom, double defaultRateFactor, bool validateFirst, CancellationToken cancellationToken, params string[] inputs)
    {
        // Before the first TorchSharp call: the safe mode and OpenMP policy must precede libtorch's loading.
        NativeEngine.Prepare();
        OutputGuard.EnsureNotInput(settings.Output, [.. inputs, .. settings.Teacher is null ? Array.Empty<string>() : [settings.Teacher]]);
        var preprocess = settings.Preprocess.ToPreprocess(sizeFrom is null ? null : Preprocess.OfModelInput(sizeFrom.Inputs));
        var data = LoadData(settings, preprocess);
        var teacher = settings.Teacher is null ? DefaultTeacher : OnnxImporter.Load(settings.Teacher);
        var options = settings.ToOptions(teacher, defaultRateFactor, validateFirst);
        options.Validate();
        var graph = model(data, preprocess);

        var outcome = settings.Json || !console.Profile.Capabilities.Interactive
            ? Train(graph, data, preprocess, options, settings.Json ? null : new TrainingLog(console), cancellationToken)
            : TrainingProgressView.Run(console, view => Train(graph, data, preprocess, options, view, cancellationToken));
        var report = new TrainingReport(graph.Name, settings.Output, outcome.Training, outcome.Evaluation, outcome.TrainSeconds);
        if (settings.Json) console.Profile.Out.Writer.WriteLine(TrainingReport.Json(report));
        else report.Render(console);
        return outcome.Training.Stop == StopReason.NonFiniteLoss ? Diverged : 0;
    }

    private TuningOutcome Train(Graph graph, TrainingData data, Preprocess preprocess, TrainingOptions options,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        Tune is { } tune ? tune(data, preprocess, options, progress, cancellationToken)
        : ModelTuning.TrainAndMeasure(graph, data, preprocess, options, settings.Output, settings.Session, progress, cancellationToken);
}
