using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Quantize;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;
using Lighten.Data.Pose;
using Lighten.Runtime;
using Lighten.Runtime.Calibration;
using Spectre.Console;
using Spectre.Console.Cli;
using Lighten.Core.Transforms.Preparation;


namespace Lighten.Cli.Commands;

/// <summary><c>lighten quantize MODEL --calib DIR -o OUT</c>: post-training INT8 quantization to a QDQ ONNX model.</summary>
public sealed class QuantizeCommand(IAnsiConsole console) : Command<QuantizeCommand.Settings>
{
    /// <summary>Options of <c>lighten quantize</c>.</summary>
    public sealed class Settings : PreprocessSettings
    {
        /// <summary>The FP32 ONNX model.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The FP32 ONNX model file.")]
        public string Model { get; init; } = "";

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => [Model];

        /// <summary>Where to write the quantized model.</summary>
        [CommandOption(SharedOptions.Output)]
        [Description("The QDQ ONNX file to write (never the input).")]
        public string Output { get; init; } = "";

        /// <summary>The calibration data.</summary>
        [CommandOption("--calib <DIR>")]
        [Description("Calibration images: a folder of images (searched recursively), a pose folder with annotations.json (person crops), or 'synthetic'.")]
        public string Calib { get; init; } = "";

        /// <summary>Calibration samples.</summary>
        [CommandOption("--count <N>")]
        [Description("Calibration samples (a seeded random subset when the folder holds more).")]
        [DefaultValue(128)]
        public int Count { get; init; } = 128;

        /// <summary>The calibration method.</summary>
        [CommandOption("--method <METHOD>")]
        [Description("How activation ranges are chosen: minmax, percentile, entropy (KL, as TensorRT) or mse.")]
        [DefaultValue("percentile")]
        public string Method { get; init; } = "percentile";

        /// <summary>The percentile of the percentile method.</summary>
        [CommandOption("--percentile <P>")]
        [Description("Percentile kept by --method percentile.")]
        [DefaultValue(99.99)]
        public double Percentile { get; init; } = 99.99;

        /// <summary>One weight scale per tensor instead of per channel.</summary>
        [CommandOption("--per-tensor")]
        [Description("One weight scale per tensor instead of one per output channel.")]
        public bool PerTensor { get; init; }

        /// <summary>Activation type.</summary>
        [CommandOption("--activations <TYPE>")]
        [Description("Activation type: uint8 or int8.")]
        [DefaultValue("uint8")]
        public string Activations { get; init; } = "uint8";

        /// <summary>The target device.</summary>
        [CommandOption(SharedOptions.Target)]
        [Description("Where the model will run: host (default: layers are timed here, INT8 only where faster), a built-in profile (rk3399-armcl, rk3399-cpu, rpi4, jetson-nano: its INT8 ops, INT8 only where estimated faster) or a YAML profile file.")]
        public string? Target { get; init; }

        /// <summary>Skip timing layers on the host.</summary>
        [CommandOption("--no-measure")]
        [Description("Do not decide by speed (timed on the host, estimated for a profile): quantize every layer the target supports.")]
        public bool NoMeasure { get; init; }

        /// <summary>Where layer timings are cached.</summary>
        [CommandOption("--timing-cache <FILE>")]
        [Description("Cache file of layer timings (default: under the user's cache folder).")]
        public string? TimingCache { get; init; }

        /// <summary>Correct biases for the weight rounding's mean shift.</summary>
        [CommandOption("--bias-correction")]
        [Description("Correct each layer's bias for the mean shift its weight rounding causes.")]
        public bool BiasCorrection { get; init; }

        /// <summary>The largest accepted accuracy drop, in points.</summary>
        [CommandOption("--max-drop <X>")]
        [Description("Largest accepted drop of the task metric in points (needs --data and --task); the most sensitive layers stay FP32 until it holds.")]
        public double? MaxDrop { get; init; }

        /// <summary>The validation data of the accuracy check.</summary>
        [CommandOption("--data <DIR>")]
        [Description("Validation data for --max-drop: an ImageFolder (classify) or a folder with annotations.json (pose).")]
        public string? Data { get; init; }

        /// <summary>The task of the accuracy check.</summary>
        [CommandOption("--task <TASK>")]
        [Description("classify or pose (for --max-drop).")]
        public string? Task { get; init; }

        /// <summary>Where to write the per-layer table.</summary>
        [CommandOption("--report <FILE>")]
        [Description("Write the per-layer table (precision, timings, SQNR) to FILE: .json for JSON, CSV otherwise.")]
        public string? Report { get; init; }

        /// <summary>Seed of the calibration subset.</summary>
        [CommandOption("--seed <N>")]
        [Description("Seed of the calibration subset and of synthetic images.")]
        [DefaultValue(0)]
        public int Seed { get; init; }

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o PATH is required")
            : string.IsNullOrWhiteSpace(Calib) ? ValidationResult.Error("--calib DIR is required (or --calib synthetic)")
            : Count < 1 ? ValidationResult.Error("--count must be at least 1")
            : Activations is not ("uint8" or "int8") ? ValidationResult.Error($"--activations must be uint8 or int8, got '{Activations}'")
            : MaxDrop is < 0 ? ValidationResult.Error("--max-drop must be 0 or more")
            : MaxDrop is not null && (string.IsNullOrWhiteSpace(Data) || Task is not ("classify" or "pose"))
                ? ValidationResult.Error("--max-drop needs --data DIR and --task classify|pose")
            : base.ValidateOptions();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        OutputGuard.EnsureNotInput(settings.Output, settings.Model);
        var method = CalibrationMethods.Parse(settings.Method);
        var target = TargetChoice.Resolve(settings.Target, Lighten.Core.IO.LightenCache.Directory);
        _ = Calibrator.For(method, settings.Percentile);
        var model = settings.Prepare(settings.Model, PreparationOptions.Analysis);
        if (Int8Quantization.SkipReason(target) is { } skip)
        {
            // The guideline's rule: a step the target cannot run is skipped with the reason; nothing is written.
            var reason = "G3 skipped: " + skip;
            console.Profile.Out.Writer.WriteLine(settings.Json ? QuantizeJson.Skipped(target.Name, reason) : reason);
            return 0;
        }
        var preprocess = settings.Preprocess.ToPreprocess(Preprocess.OfModelInput(model.Graph.Inputs));
        var source = CalibrationSource.Open(settings.Calib, preprocess, settings.Count, settings.Seed);
        var options = new Int8QuantizationOptions
        {
            Method = method,
            Percentile = settings.Percentile,
            PerChannel = !settings.PerTensor,
            Activations = settings.Activations == "int8" ? ElementType.Int8 : ElementType.UInt8,
            BiasCorrection = settings.BiasCorrection,
            Sensitivity = settings.Report is not null,
            DecideBySpeed = !settings.NoMeasure,
            TimingCache = settings.TimingCache,
            Session = settings.Session,
            Accuracy = settings.MaxDrop is double drop ? new AccuracyTarget(drop, Evaluate(settings, preprocess)) : null,
        };

        var result = settings.Json || !console.Profile.Capabilities.Interactive
            ? Int8Quantization.Run(model, source, target, options, cancellationToken: cancellationToken)
            : console.Progress().Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                return Int8Quantization.Run(model, source, target, options, (stage, done, total) =>
                {
                    if (!tasks.TryGetValue(stage, out var task)) tasks[stage] = task = ctx.AddTask(stage);
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                }, cancellationToken);
            });
        OnnxExporter.Save(result.Graph, settings.Output);
        if (settings.Report is { } report) QuantizeReport.Write(report, result);
        if (settings.Json) console.Profile.Out.Writer.WriteLine(QuantizeJson.Format(result, settings.Output));
        else QuantizeTable.Render(console, result, settings.Output);
        return 0;
    }

    /// <summary>The model's input size with default normalization, when its height and width are fixed.</summary>
    private static Func<string, Metric> Evaluate(Settings settings, Preprocess preprocess)
    {
        var data = settings.Data!;
        var session = settings.Session with { AllowSpinning = false };
        if (settings.Task == "classify")
        {
            var dataset = ImageFolderDataset.Load(data, validationFraction: 1);
            return path =>
            {
                using var model = ModelSession.Open(path, session);
                return Evaluator.Classify(model, dataset, preprocess, new EvaluationOptions { BatchSize = 8 }).Primary;
            };
        }
        var file = Directory.Exists(data) ? Path.Combine(data, CalibrationSource.PoseAnnotations) : data;
        var poses = CocoKeypointsDataset.Load(file);
        return path =>
        {
            using var model = ModelSession.Open(path, session);
            return Evaluator.Pose(model, poses, preprocess, new EvaluationOptions { BatchSize = 8 }).Primary;
        };
    }
}
