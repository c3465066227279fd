using System.Globalization;
using Lighten.Core.IO;
using Lighten.Core.Zoo;
using Lighten.Data.Metrics;
using Lighten.Data.Pose;
using Lighten.Data.Synthetic;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Demo;

/// <summary>
/// The built-in demo, modeled on the guideline's reference case: generate the synthetic pose set, measure the accuracy
/// guards (<see cref="DemoGuards"/>), then train PoseResNet-50 and run the guideline on host with latency at most a third
/// of the baseline's and an accuracy drop of at most 5 points, running every step (stop_when_met false) and marking
/// where it would have stopped.
/// </summary>
public static class DemoRun
{
    /// <summary>The pipeline file the demo writes into its folder.</summary>
    public const string PipelineFileName = "pipeline.yaml";

    /// <summary>The demo's pipeline text for <paramref name="preset"/>, with data under <c>data/</c> beside it.</summary>
    public static string PipelineText(DemoPreset preset) => string.Create(CultureInfo.InvariantCulture, $"""
        # lighten demo --preset {preset.Name}: the guideline's reference case (PoseResNet-50, drone gesture control) on synthetic poses
        model:
          zoo: pose_resnet50
          train_epochs: {preset.BaselineEpochs}
        task: pose
        data:
          dir: data
          calibration: data/train
          calibration_count: {preset.CalibrationImages}
          heatmap_sigma: {preset.HeatmapSigma}
          preprocess:
            size: {preset.Size}x{preset.Size}
        target: host
        requirements:
          max_latency_ratio: 0.3333
          max_accuracy_drop: 5
        steps:
          g1:
            candidates: [mobilenet_v2]
            epochs: {preset.BackboneEpochs}
          g2:
            layers: [ConvTranspose]
            bottleneck: 64
          g3:
            calibrator: percentile
            max_drop: 1
            measure_layers: {(preset.MeasureLayers ? "true" : "false")}
          g4:
            policy: auto
          g5:
            mode: channel
            ratio: 0.3
        fine_tune:
          epochs: {preset.FineTuneEpochs}
          batch: {preset.Batch}
          distillation: 0.5
        stop_when_met: false
        seed: 0
        benchmark_runs: {preset.BenchmarkRuns}

        """);

    /// <summary>
    /// "; PCKh@0.5 counts a joint within 3.1 input pixels of the truth (median over the validation crops), 0.78 pixels of
    /// the 16×16 heatmaps": what the accuracy column asks of the model at this input size.
    /// </summary>
    private static string Tolerance(DemoPreset preset, string validationAnnotations)
    {
        var validation = CocoKeypointsDataset.Load(validationAnnotations);
        var meter = PckMeter.For(validation);
        if (PckTolerance.MedianInputPixels(meter, validation.Annotations, preset.Size, preset.Size) is not double pixels) return "";
        int heatmap = preset.Size / SimpleBaselineHead.HeatmapStride;
        return string.Create(CultureInfo.InvariantCulture,
            $"; {meter.Name} counts a joint within {pixels:0.0} input pixels of the truth (median over the validation crops), {pixels * heatmap / preset.Size:0.00} pixels of the {heatmap}×{heatmap} heatmaps");
    }

    /// <summary>Generates the data (unless present), writes the pipeline and runs it into <paramref name="outputDirectory"/>.</summary>
    public static PipelineReport Run(DemoPreset preset, string outputDirectory, bool resume, IPipelineObserver? observer = null,
        StepRegistry? registry = null, CancellationToken cancellationToken = default)
    {
        observer ??= new SilentObserver();
        var dir = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(dir);
        foreach (var (part, count, seed) in new[] { ("train", preset.TrainImages, 1), ("val", preset.ValImages, 2) })
        {
            var folder = Path.Combine(dir, "data", part);
            if (resume && File.Exists(Path.Combine(folder, PoseData.AnnotationFile))) continue;
            observer.Status($"generating {count} synthetic {part} images of {preset.ImageSize}x{preset.ImageSize} (seed {seed})");
            SyntheticPose.Generate(folder, new SyntheticPoseOptions { Count = count, Size = preset.ImageSize, Seed = seed, Force = true }, cancellationToken: cancellationToken);
        }
        var text = PipelineText(preset);
        var path = Path.Combine(dir, PipelineFileName);
        AtomicFile.WriteAllText(path, text);
        var config = PipelineFile.Parse(text, dir, path) with { RunBy = preset.Describe() + Tolerance(preset, Path.Combine(dir, "data", "val", PoseData.AnnotationFile)) };
        config = config with { Guards = DemoGuards.Measure(config, dir, resume, observer, cancellationToken) };
        return GuidelineRunner.Run(config, text, dir, resume, observer, registry, cancellationToken: cancellationToken);
    }
}
