using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;
using Lighten.Data.Pose;
using Lighten.Core.Transforms.Preparation;
using Lighten.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten eval MODEL --data DIR --task classify|pose</c>: the task metric of a model in ONNX Runtime.</summary>
public sealed class EvalCommand(IAnsiConsole console) : Command<EvalCommand.Settings>
{
    /// <summary>The file a pose dataset folder holds.</summary>
    public const string PoseAnnotations = "annotations.json";

    /// <summary>Options of <c>lighten eval</c>.</summary>
    public sealed class Settings : PreprocessSettings
    {
        /// <summary>The ONNX model to evaluate.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The ONNX model file.")]
        public string Model { get; init; } = "";

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => [Model];

        /// <summary>The dataset folder.</summary>
        [CommandOption("--data <DIR>")]
        [Description("Dataset: for classify an ImageFolder (class folders, or train/ and val/: val/ is used); for pose a folder with annotations.json (COCO keypoints) or that file.")]
        public string Data { get; init; } = "";

        /// <summary>The task, which decides how outputs are decoded and scored.</summary>
        [CommandOption("--task <TASK>")]
        [Description("classify (top-1/top-5) or pose (PCKh@0.5 or PCK@0.2, per joint, OKS AP).")]
        public string Task { get; init; } = "";

        /// <summary>Skip unreadable images instead of stopping.</summary>
        [CommandOption("--skip-bad")]
        [Description("Skip (and count) images that cannot be read instead of stopping at the first.")]
        public bool SkipBad { get; init; }

        /// <summary>Samples per inference.</summary>
        [CommandOption("--batch <N>")]
        [Description("Images per inference (a model with a fixed batch size uses its own).")]
        [DefaultValue(8)]
        public int Batch { get; init; } = 8;

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data DIR is required")
            : Task is not ("classify" or "pose") ? ValidationResult.Error($"--task must be classify or pose{(Task.Length > 0 ? $", got '{Task}'" : "")}")
            : Batch < 1 ? ValidationResult.Error("--batch must be at least 1")
            : base.ValidateOptions();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var flags = settings.Preprocess;
        // Parse the flags before the slow steps so that a typo fails at once.
        if (settings.Size is not null) flags.ToPreprocess();

        // Idle ONNX Runtime threads would otherwise spin on the cores the image decoder needs.
        // --input-shape is checked against the model and gives the default size of a model whose height and width are symbolic.
        var declared = settings.Prepare(settings.Model, PreparationOptions.Analysis).Graph;
        using var session = ModelSession.Open(settings.Model, settings.Session with { AllowSpinning = false });
        var preprocess = flags.ToPreprocess(Preprocess.OfModelInput(declared.Inputs));
        Func<EvaluationOptions, EvaluationResult> evaluate = settings.Task == "classify"
            ? Classify(session, settings.Data, preprocess, cancellationToken)
            : Pose(session, settings.Data, preprocess, cancellationToken);

        var options = new EvaluationOptions { BatchSize = settings.Batch, SkipBad = settings.SkipBad };
        var result = settings.Json || !console.Profile.Capabilities.Interactive
            ? evaluate(options)
            : console.Progress().Start(ctx =>
            {
                var task = ctx.AddTask($"evaluating {Markup.Escape(Path.GetFileName(settings.Model))}");
                return evaluate(options with { Progress = (done, total) => { task.MaxValue = total; task.Value = done; } });
            });
        if (settings.Json) console.Profile.Out.Writer.WriteLine(EvaluationJson.Format(result));
        else EvaluationTable.Render(console, result);
        return 0;
    }

    private static Func<EvaluationOptions, EvaluationResult> Classify(ModelSession session, string data, Preprocess preprocess, CancellationToken token)
    {
        var dataset = ImageFolderDataset.Load(data, validationFraction: 1);
        return options => Evaluator.Classify(session, dataset, preprocess, options, token);
    }

    private static Func<EvaluationOptions, EvaluationResult> Pose(ModelSession session, string data, Preprocess preprocess, CancellationToken token)
    {
        var file = Directory.Exists(data) ? Path.Combine(data, PoseAnnotations) : data;
        var dataset = CocoKeypointsDataset.Load(file);
        return options => Evaluator.Pose(session, dataset, preprocess, options, token);
    }
}
