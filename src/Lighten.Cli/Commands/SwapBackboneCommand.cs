using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Backbone;
using Lighten.Pipeline.Backbone;
using Lighten.Runtime;
using Lighten.Training.Native;
using Lighten.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>
/// <c>lighten swap-backbone MODEL --task pose --data DIR [--candidates a,b] [--target T] [--epochs N] -o OUT</c>: G1, grafts
/// each candidate backbone, skips those the target cannot run, fine-tunes the others distilling from MODEL, and prints
/// every candidate's accuracy, latency and MACs beside the original's; the best one is written to OUT.
/// </summary>
public sealed class SwapBackboneCommand(IAnsiConsole console) : Command<SwapBackboneCommand.Settings>
{
    /// <summary>Options of <c>lighten swap-backbone</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>The model whose backbone is swapped.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The ONNX model whose backbone is replaced (also the distillation teacher).")]
        public string Model { get; init; } = "";

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => [Model];

        /// <summary>Candidate backbones.</summary>
        [CommandOption("--candidates <NAMES>")]
        [Description("Zoo backbones to try, comma-separated or repeated (default: every MobileNetV2/V3 and ShuffleNetV2 of the zoo).")]
        public string[] Candidates { get; init; } = [];

        /// <summary>Target profile whose op support filters the candidates.</summary>
        [CommandOption(SharedOptions.Target)]
        [Description("Skip candidates with an op this target cannot run (a built-in name, see 'lighten targets', or a YAML profile).")]
        public string? Target { get; init; }

        /// <summary>Precision the candidates must run at on the target.</summary>
        [CommandOption("--precision <P>")]
        [Description("The precision checked on --target: fp32, fp16 or int8.")]
        [DefaultValue("fp32")]
        public string Precision { get; init; } = "fp32";

        /// <summary>The backbone's output tensor.</summary>
        [CommandOption("--cut <TENSOR>")]
        [Description("The backbone's output tensor (default: the input of the first ConvTranspose/Resize, or of a classifier's global pooling).")]
        public string? Cut { get; init; }

        /// <summary>Re-shape the head's first layer instead of adapting.</summary>
        [CommandOption("--no-adapter")]
        [Description("No 1x1 adapter: re-shape the head's first layer to the new channel count and re-initialize it.")]
        public bool NoAdapter { get; init; }

        /// <summary>Pretrained backbone weights.</summary>
        [CommandOption("--backbone-weights <FILE.onnx>")]
        [Description("Load the backbone's weights from an ONNX export of the same torchvision architecture (matched by structure).")]
        public string? BackboneWeights { get; init; }

        /// <summary>No distillation.</summary>
        [CommandOption("--no-distill")]
        [Description("Fine-tune on the labels only (default: distil from MODEL with --alpha).")]
        public bool NoDistill { get; init; }

        /// <summary>Latency runs.</summary>
        [CommandOption(SharedOptions.Runs)]
        [Description("Timed batch-1 runs per model for the latency.")]
        [DefaultValue(SharedOptions.RunsDefault)]
        public int Runs { get; init; } = SharedOptions.RunsDefault;

        /// <summary>Untimed runs before the timed ones.</summary>
        [CommandOption(SharedOptions.WarmupRuns)]
        [Description(SharedOptions.WarmupRunsHelp)]
        [DefaultValue(SharedOptions.WarmupRunsDefault)]
        public int WarmupRuns { get; init; } = SharedOptions.WarmupRunsDefault;

        /// <summary>Whether data is needed: to train, or when given to measure the grafts.</summary>
        public bool HasData => !string.IsNullOrWhiteSpace(Data);

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            Epochs < 0 ? ValidationResult.Error($"--epochs must be 0 or more, got {Epochs}")
            : Runs < 1 ? ValidationResult.Error($"--runs must be at least 1, got {Runs}")
            : WarmupRuns < 0 ? ValidationResult.Error($"--warmup-runs must be 0 or more, got {WarmupRuns}")
            : Epochs > 0 || HasData ? base.ValidateOptions()
            : string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o OUT.onnx is required")
            : Task.Length > 0 && Task is not ("classify" or "pose") ? ValidationResult.Error($"--task must be classify or pose, got '{Task}'")
            : Threads is < 1 or > SessionOptionsSpec.MaxThreads ? ValidationResult.Error($"--threads must be between 1 and {SessionOptionsSpec.MaxThreads}")
            : ValidationResult.Success();

        /// <summary>The candidates given, or the defaults.</summary>
        public IReadOnlyList<string> CandidateNames =>
            Candidates.Length == 0 ? BackboneSearchOptions.DefaultCandidates
            : [.. Candidates.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

        /// <summary>The precision named by <c>--precision</c>.</summary>
        public Precision ParsePrecision() =>
            Precisions.All.Where(p => p.Key() == Precision.ToLowerInvariant()).Cast<Precision?>().FirstOrDefault()
            ?? throw new OptionException($"--precision '{Precision}' is not fp32, fp16 or int8");
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        NativeEngine.Prepare();
        OutputGuard.EnsureNotInput(settings.Output, [settings.Model, .. Given(settings.BackboneWeights), .. Given(settings.Teacher)]);
        var precision = settings.ParsePrecision();
        var target = settings.Target is null ? null : TargetChoice.Resolve(settings.Target, Lighten.Core.IO.LightenCache.Directory).Profile;
        var model = settings.Prepare(settings.Model, PreparationOptions.Rewrite.NeedingSizes("building the new backbone for the input size")).Graph;
        var weights = settings.BackboneWeights is null ? null : OnnxImporter.Load(settings.BackboneWeights);
        var data = settings.HasData ? TrainingJob.LoadData(settings, settings.Preprocess.ToPreprocess(Lighten.Data.Imaging.Preprocess.OfModelInput(model.Inputs))) : null;
        var teacher = settings.Teacher is null ? null : OnnxImporter.Load(settings.Teacher);
        var options = new BackboneSearchOptions
        {
            Candidates = settings.CandidateNames,
            Swap = new BackboneSwapOptions { Cut = settings.Cut, Adapter = !settings.NoAdapter, BackboneWeights = weights, Seed = settings.Seed },
            Target = target,
            Precision = precision,
            // A grafted backbone starts from scratch (or from other weights): the full learning rate, not fine-tuning's tenth.
            Training = settings.Epochs == 0 ? null : settings.ToOptions(teacher, defaultRateFactor: 1, validateFirst: false) with { CheckpointDirectory = null },
            DistillationAlpha = settings.NoDistill ? null : settings.Alpha,
            Session = settings.Session,
            LatencyRuns = settings.Runs,
            LatencyWarmup = settings.WarmupRuns,
        };
        var log = settings.Json ? null : new SearchLog(console);
        var result = BackboneSearch.Run(model, settings.Output, options, data, log, cancellationToken);
        if (settings.Json) console.Profile.Out.Writer.WriteLine(BackboneSearchJson.Format(result));
        else BackboneSearchTable.Render(console, result, target?.Name, precision);
        return 0;
    }

    private static string[] Given(string? path) => path is null ? [] : [path];

    /// <summary>One line per phase and per finished epoch.</summary>
    private sealed class SearchLog(IAnsiConsole console) : IProgress<BackboneSearchProgress>
    {
        private readonly TrainingLog _epochs = new(console);

        public void Report(BackboneSearchProgress value)
        {
            if (value.Training is { } step) _epochs.Report(step);
            else if (value.Message.Length > 0)
                console.MarkupLine(value.Phase == SearchPhase.Skipped ? $"[yellow]{Markup.Escape(value.Candidate)} skipped: {Markup.Escape(CliFlags.Render(value.Message))}[/]" : Markup.Escape(CliFlags.Render(value.Message)));
        }
    }
}
