using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Core.Analysis;
using Lighten.Core.Transforms.Preparation;
using Lighten.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten bench MODEL...</c>: initialization time and batch-1 latency in ONNX Runtime, side by side.</summary>
public sealed class BenchCommand(IAnsiConsole console) : Command<BenchCommand.Settings>
{
    /// <summary>Options of <c>lighten bench</c>.</summary>
    public sealed class Settings : RuntimeSettings
    {
        /// <summary>The ONNX models to compare.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("One or more ONNX model files.")]
        public string[] Models { get; init; } = [];

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => Models;

        /// <summary>Timed runs per model.</summary>
        [CommandOption(SharedOptions.Runs)]
        [Description("Timed batch-1 runs per model.")]
        [DefaultValue(SharedOptions.RunsDefault)]
        public int Runs { get; init; } = SharedOptions.RunsDefault;

        /// <summary>Untimed runs before the timed ones.</summary>
        [CommandOption(SharedOptions.WarmupRuns)]
        [Description(SharedOptions.WarmupRunsHelp)]
        [DefaultValue(SharedOptions.WarmupRunsDefault)]
        public int Warmup { get; init; } = SharedOptions.WarmupRunsDefault;

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            Models.Length == 0 ? ValidationResult.Error("give at least one MODEL")
            : Runs < 1 ? ValidationResult.Error("--runs must be at least 1")
            : Warmup < 0 ? ValidationResult.Error("--warmup-runs must be 0 or more")
            : base.ValidateOptions();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var rows = new List<BenchRow>();
        var shapes = settings.ParseInputShapes();
        foreach (var model in settings.Models)
        {
            // Profiling first also checks the file, so a bad model fails before minutes of timing.
            var graph = settings.Prepare(model, PreparationOptions.Analysis.NeedingSizes("timing in ONNX Runtime")).Graph;
            long macs = Profiler.Run(graph, new ProfileOptions { ModelName = Path.GetFileName(model) }).Totals.Macs;
            var result = LatencyBenchmark.Run(model, settings.Session, settings.Warmup, settings.Runs, inputShapes: shapes);
            rows.Add(new BenchRow(result, macs, new FileInfo(model).Length));
        }
        if (settings.Json) console.Profile.Out.Writer.WriteLine(BenchJson.Format(rows));
        else BenchTable.Render(console, rows, settings.Warmup);
        return 0;
    }
}
