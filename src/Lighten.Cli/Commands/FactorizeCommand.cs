using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms;
using Lighten.Core.Transforms.Factorize;
using Lighten.Core.Transforms.Preparation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>
/// <c>lighten factorize MODEL [--data DIR --task T --epochs N] -o OUT</c>: G2, factorizes the heavy convolutions; without
/// data writes the SVD-initialized model, with data fine-tunes it distilling from the model before G2 (unless
/// <c>--teacher</c> names another) and writes the best validated weights, measured in ONNX Runtime.
/// </summary>
public sealed class FactorizeCommand(IAnsiConsole console) : Command<FactorizeCommand.Settings>
{
    /// <summary>Options of <c>lighten factorize</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>The model to factorize.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The ONNX model file.")]
        public string Model { get; init; } = "";

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => [Model];

        /// <summary>Channel count of a 1x1 bottleneck before each layer.</summary>
        [CommandOption("--bottleneck <R>")]
        [Description("Insert a 1x1 Conv to R channels before each layer (SVD-initialized).")]
        public int? Bottleneck { get; init; }

        /// <summary>Bottleneck channel count from an energy share of the singular values.</summary>
        [CommandOption("--energy <E>")]
        [Description("Bottleneck to the smallest rank keeping share E (0 < E <= 1) of the singular values' energy.")]
        public double? Energy { get; init; }

        /// <summary>Depthwise-separable decomposition of k×k Convs.</summary>
        [CommandOption("--dws")]
        [Description("Decompose k x k Convs into a depthwise Conv and a 1x1 Conv (tried before the bottleneck).")]
        public bool DepthwiseSeparable { get; init; }

        /// <summary>Depthwise channel multiplier.</summary>
        [CommandOption("--multiplier <M>")]
        [Description("Channel multiplier of the depthwise Conv (with --dws; default 1).")]
        public int? Multiplier { get; init; }

        /// <summary>Kernel factorization of k×k Convs.</summary>
        [CommandOption("--kernel")]
        [Description("Factorize k x k Convs into k x 1 and 1 x k (off by default: many targets favour 3x3).")]
        public bool Kernel { get; init; }

        /// <summary>Rank of the kernel factorization.</summary>
        [CommandOption("--kernel-rank <R>")]
        [Description("Channels between the k x 1 and 1 x k Convs (with --kernel; default: 99% of the energy).")]
        public int? KernelRank { get; init; }

        /// <summary>Layers to act on: node names or op types.</summary>
        [CommandOption("--layers <LAYERS>")]
        [Description("Node names, or Conv / ConvTranspose for every such layer (comma-separated or repeated).")]
        public string[] Layers { get; init; } = [];

        /// <summary>Minimum share of the MACs of a layer to act on.</summary>
        [CommandOption("--threshold <SHARE>")]
        [Description("Act on layers with at least this share (0-1) of the MACs (default 0.1 without --layers).")]
        public double? Threshold { get; init; }

        /// <summary>Whether to fine-tune after factorizing.</summary>
        public bool FineTunes => !string.IsNullOrWhiteSpace(Data);

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            FineTunes ? Factorizations() is { Successful: false } invalid ? invalid : base.ValidateOptions()
            : string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o PATH is required")
            : Task.Length > 0 ? ValidationResult.Error("--task goes with --data (fine-tuning after factorizing)")
            : Threads is < 1 or > Lighten.Runtime.SessionOptionsSpec.MaxThreads ? ValidationResult.Error($"--threads must be between 1 and {Lighten.Runtime.SessionOptionsSpec.MaxThreads}")
            : Factorizations();

        private ValidationResult Factorizations() =>
            Bottleneck is null && Energy is null && !DepthwiseSeparable && !Kernel
                ? ValidationResult.Error("choose a factorization: --bottleneck R, --energy E, --dws or --kernel")
            : Bottleneck is not null && Energy is not null ? ValidationResult.Error("give --bottleneck R or --energy E, not both")
            : Multiplier is not null && !DepthwiseSeparable ? ValidationResult.Error("--multiplier goes with --dws")
            : KernelRank is not null && !Kernel ? ValidationResult.Error("--kernel-rank goes with --kernel")
            : ValidationResult.Success();

        /// <summary>The library options these settings stand for; throws <see cref="OptionException"/> for a value out of range.</summary>
        public FactorizeOptions ToOptions(IReadOnlyDictionary<string, long[]> inputShapes) => new()
        {
            Selection = new LayerSelectionOptions
            {
                Layers = [.. Layers.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                Threshold = Threshold,
                InputShapes = inputShapes,
            },
            Bottleneck = Bottleneck is int r ? new() { Rank = RankChoice.Fixed(r) }
                : Energy is double e ? new() { Rank = RankChoice.OfEnergy(e) }
                : null,
            DepthwiseSeparable = DepthwiseSeparable ? new() { Multiplier = Multiplier ?? 1 } : null,
            Kernel = !Kernel ? null : KernelRank is int k ? new() { Rank = RankChoice.Fixed(k) } : new(),
        };
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        OutputGuard.EnsureNotInput(settings.Output, settings.Model);
        var options = settings.ToOptions(settings.ParseInputShapes());
        var graph = settings.Prepare(settings.Model, PreparationOptions.Rewrite.NeedingSizes("selecting and factorizing layers by their MACs")).Graph;
        var result = FactorizeConvolutions.Run(graph, options);
        if (!settings.FineTunes)
        {
            OnnxExporter.Save(result.Graph, settings.Output);
            if (settings.Json) console.Profile.Out.Writer.WriteLine(FactorizeJson.Format(result, settings.Output));
            else FactorizeTable.Render(console, result, settings.Output);
            return 0;
        }
        // The table first (with --json, only the training report is printed, as one JSON document); then fine-tune
        // the SVD-initialized graph, distilling from the graph before G2, at fine-tuning's learning rate.
        if (!settings.Json) FactorizeTable.Render(console, result, settings.Output, fineTuning: true);
        return new TrainingJob(console, settings) { DefaultTeacher = graph }
            .Run((_, _) => result.Graph, graph, FinetuneCommand.RateFactor, validateFirst: true, cancellationToken, settings.Model);
    }
}
