using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Factorize;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten factorize MODEL -o OUT</c>: G2, factorizes the heavy convolutions and writes the SVD-initialized model.</summary>
public sealed class FactorizeCommand(IAnsiConsole console) : Command<FactorizeCommand.Settings>
{
    /// <summary>Options of <c>lighten factorize</c>.</summary>
    public sealed class Settings : ModelSettings
    {
        /// <summary>Where to write the factorized model.</summary>
        [CommandOption("-o|--output <PATH>")]
        [Description("The ONNX file to write (never the input).")]
        public string Output { get; init; } = "";

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

        /// <summary>Print JSON instead of a table.</summary>
        [CommandOption("--json")]
        [Description("Print the result as JSON.")]
        public bool Json { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o PATH is required")
            : Bottleneck is null && Energy is null && !DepthwiseSeparable && !Kernel
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
        var shapes = settings.ParseInputShapes();
        OutputGuard.EnsureNotInput(settings.Output, settings.Model);
        var options = settings.ToOptions(shapes);
        var graph = InputShapes.Apply(OnnxImporter.Load(settings.Model), shapes);
        var result = FactorizeConvolutions.Run(graph, options);
        OnnxExporter.Save(result.Graph, settings.Output);
        if (settings.Json) console.Profile.Out.Writer.WriteLine(FactorizeJson.Format(result, settings.Output));
        else FactorizeTable.Render(console, result, settings.Output);
        return 0;
    }
}
