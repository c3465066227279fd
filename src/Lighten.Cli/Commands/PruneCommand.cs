using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Prune;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;
using Lighten.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>
/// <c>lighten prune MODEL --structured --ratio R [--criterion l1|l2|bn] | --unstructured --sparsity S [--data DIR --task ... --epochs N] -o OUT</c>:
/// G5. Structured: channels are removed over the channel dependency graph (smaller and faster). Unstructured: the
/// smallest weights become zeros (smaller once compressed, no faster); with <c>--data</c> the sparsity rises during
/// fine-tuning on the polynomial schedule. Without <c>--data</c> the pruned model is written without fine-tuning.
/// </summary>
public sealed class PruneCommand(IAnsiConsole console) : Command<PruneCommand.Settings>
{
    /// <summary>Options of <c>lighten prune</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>The model to prune.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The ONNX model to prune.")]
        public string Model { get; init; } = "";

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => [Model];

        /// <summary>Structured channel pruning.</summary>
        [CommandOption("--structured")]
        [Description("Remove whole channels (the model gets smaller and faster).")]
        public bool Structured { get; init; }

        /// <summary>Unstructured magnitude pruning.</summary>
        [CommandOption("--unstructured")]
        [Description("Zero the smallest weights (smaller compressed file, same speed).")]
        public bool Unstructured { get; init; }

        /// <summary>Share of channels to remove.</summary>
        [CommandOption("--ratio <R>")]
        [Description("Share of the prunable channels to remove, in [[0, 1) (--structured).")]
        [DefaultValue(0.5)]
        public double Ratio { get; init; } = 0.5;

        /// <summary>Channel ranking.</summary>
        [CommandOption("--criterion <NAME>")]
        [Description("l1, l2 (weight norms) or bn (BatchNormalization scale) (--structured).")]
        [DefaultValue("l1")]
        public string Criterion { get; init; } = "l1";

        /// <summary>Global instead of per-layer ranking.</summary>
        [CommandOption("--global")]
        [Description("Rank across layers (default: the same share in every layer).")]
        public bool Global { get; init; }

        /// <summary>Nodes left alone.</summary>
        [CommandOption("--exclude <NODES>")]
        [Description("Node names to leave unpruned (comma-separated or repeated).")]
        public string[] Exclude { get; init; } = [];

        /// <summary>Target sparsity.</summary>
        [CommandOption("--sparsity <S>")]
        [Description("Share of zeros in each pruned layer, in [[0, 1) (--unstructured).")]
        [DefaultValue(0.8)]
        public double Sparsity { get; init; } = 0.8;

        /// <summary>Sparsity at the start of the schedule.</summary>
        [CommandOption("--initial-sparsity <S>")]
        [Description("Sparsity at the first step of fine-tuning; it rises to --sparsity.")]
        [DefaultValue(0.0)]
        public double InitialSparsity { get; init; }

        /// <summary>Epochs of the rising schedule.</summary>
        [CommandOption("--ramp-epochs <E>")]
        [Description("Epochs over which the sparsity rises (default: half of --epochs); the masks stay fixed after.")]
        public double? RampEpochs { get; init; }

        /// <summary>Steps between mask updates.</summary>
        [CommandOption("--prune-every <STEPS>")]
        [Description("Optimizer steps between mask updates during fine-tuning.")]
        [DefaultValue(10)]
        public int PruneEvery { get; init; } = 10;

        /// <summary>Also prune the first and last layers.</summary>
        [CommandOption("--all-layers")]
        [Description("Also prune the first and last layers (--unstructured).")]
        public bool AllLayers { get; init; }

        /// <summary>Whether fine-tuning was asked for.</summary>
        public bool FineTune => !string.IsNullOrWhiteSpace(Data);

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            Structured == Unstructured ? ValidationResult.Error("choose one of --structured or --unstructured")
            : string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o OUT.onnx is required")
            : FineTune ? base.ValidateOptions()
            : ValidationResult.Success();

        /// <summary>The options of <see cref="PruneChannels"/>.</summary>
        public ChannelPruneOptions ChannelOptions() => new()
        {
            Ratio = Ratio,
            Global = Global,
            Exclude = Names(),
            Criterion = Criterion.ToLowerInvariant() switch
            {
                "l1" => PruneCriterion.L1,
                "l2" => PruneCriterion.L2,
                "bn" => PruneCriterion.BatchNorm,
                _ => throw new OptionException($"--criterion '{Criterion}' is not l1, l2 or bn"),
            },
        };

        /// <summary>The options of <see cref="PruneMagnitude"/>.</summary>
        public MagnitudePruneOptions MagnitudeOptions() => new()
        {
            Sparsity = Sparsity,
            Global = Global,
            Exclude = Names(),
            ExcludeFirst = !AllLayers,
            ExcludeLast = !AllLayers,
        };

        /// <summary>The options of <see cref="ModelPruning"/> these settings stand for.</summary>
        public PruneOptions ToOptions() => new()
        {
            Structured = Structured,
            Channels = Structured ? ChannelOptions() : new(),
            Magnitude = MagnitudeOptions(),
            InitialSparsity = InitialSparsity,
            RampEpochs = RampEpochs,
            PruneEvery = PruneEvery,
        };

        private string[] Names() => [.. Exclude.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        OutputGuard.EnsureNotInput(settings.Output, settings.Model);
        var options = settings.ToOptions();
        var dense = settings.Prepare(settings.Model, ModelPruning.Preparation(options));
        return settings.Structured ? Structured(settings, options, dense, cancellationToken) : Unstructured(settings, options, dense, cancellationToken);
    }

    private int Structured(Settings settings, PruneOptions options, PreparedModel dense, CancellationToken cancellationToken)
    {
        var result = ModelPruning.Prune(dense, options);
        var before = Profiler.Run(dense.Graph).Totals;
        var after = Profiler.Run(result.Graph).Totals;
        // A transform that changes nothing says so rather than reporting success.
        string? warning = result.Changes == 0 ? "warning: nothing was pruned: no channel group could be removed (the reasons follow)" : null;
        Write(settings, new
        {
            pass = result.Pass,
            warning,
            removedGroups = result.Changes,
            macsBefore = before.Macs,
            macsAfter = after.Macs,
            paramsBefore = before.Params,
            paramsAfter = after.Params,
            details = result.Details,
        }, [
            .. warning is null ? Array.Empty<string>() : [warning],
            $"removed {result.Changes} channel groups",
            F($"MACs {before.Macs / 1e9:0.000} G -> {after.Macs / 1e9:0.000} G ({100.0 * (1 - (double)after.Macs / before.Macs):0.0}% fewer)"),
            F($"parameters {before.Params / 1e6:0.000} M -> {after.Params / 1e6:0.000} M"),
            .. result.Details,
        ]);
        return Finish(settings, options, dense, result.Graph, cancellationToken);
    }

    private int Unstructured(Settings settings, PruneOptions options, PreparedModel dense, CancellationToken cancellationToken)
    {
        var pruned = settings.FineTune ? dense.Graph : ModelPruning.Prune(dense, options).Graph;
        int code = Finish(settings, options, dense, pruned, cancellationToken);
        ReportSparsity(settings, dense.Graph);
        return code;
    }

    /// <summary>Writes <paramref name="pruned"/>, or with --data fine-tunes through <see cref="ModelPruning.FineTune"/> and writes that.</summary>
    private int Finish(Settings settings, PruneOptions options, PreparedModel dense, Graph pruned, CancellationToken cancellationToken)
    {
        if (!settings.FineTune)
        {
            OnnxExporter.Save(pruned, settings.Output);
            if (!settings.Json) console.WriteLine($"wrote {settings.Output} (not fine-tuned: give --data to fine-tune)");
            return 0;
        }
        var job = new TrainingJob(console, settings)
        {
            Tune = (data, preprocess, training, progress, token) =>
                ModelPruning.FineTune(dense, options, data, preprocess, training, settings.Output, settings.Session, progress, token).Tuning,
        };
        return job.Run((_, _) => pruned, dense.Graph, FinetuneCommand.RateFactor, validateFirst: true, cancellationToken, settings.Model);
    }

    /// <summary>Per-layer sparsity, raw and zip size of the written model against the dense one, and both latencies in ONNX Runtime.</summary>
    private void ReportSparsity(Settings settings, Graph dense)
    {
        var before = SparsityReport.Measure(dense);
        var after = SparsityReport.Measure(OnnxImporter.Load(settings.Output));
        double denseMs = Latency(settings.Model, settings), sparseMs = Latency(settings.Output, settings);
        Write(settings, new
        {
            sparsity = after.Sparsity,
            layers = after.Layers.Select(l => new { node = l.Node, op = l.OpType, weights = l.Weights, zeros = l.Zeros, sparsity = l.Sparsity }),
            rawBytesBefore = before.RawBytes,
            rawBytesAfter = after.RawBytes,
            zipBytesBefore = before.ZippedBytes,
            zipBytesAfter = after.ZippedBytes,
            latencyMsBefore = denseMs,
            latencyMsAfter = sparseMs,
        }, [
            .. after.Layers.Select(l => F($"{l.Node} ({l.OpType}): {100 * l.Sparsity:0.0}% zeros of {l.Weights}")),
            F($"all layers: {100 * after.Sparsity:0.0}% zeros"),
            F($"raw size {before.RawBytes / 1e6:0.00} MB -> {after.RawBytes / 1e6:0.00} MB"),
            F($"zip size {before.ZippedBytes / 1e6:0.00} MB -> {after.ZippedBytes / 1e6:0.00} MB ({(double)after.ZippedBytes / before.ZippedBytes:0.000}x)"),
            F($"ONNX Runtime median latency {denseMs:0.00} ms -> {sparseMs:0.00} ms (zeros are still computed: no speed-up expected)"),
        ]);
    }

    private static double Latency(string path, Settings settings)
    {
        using var session = ModelSession.Open(path, settings.Session);
        return LatencyBenchmark.Measure(session, 3, 10, inputShapes: settings.ParseInputShapes()).LatencyMs.Median;
    }

    private void Write(Settings settings, object json, IEnumerable<string> lines)
    {
        if (settings.Json) console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(json));
        else foreach (var line in lines) console.WriteLine(line, Style.Plain);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
