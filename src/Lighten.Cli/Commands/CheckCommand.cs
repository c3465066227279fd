using System.ComponentModel;
using Lighten.Cli.Measurement;
using Lighten.Cli.Rendering;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;
using Lighten.Core.Transforms.Preparation;


namespace Lighten.Cli.Commands;

/// <summary>
/// <c>lighten check MODEL --target T</c>: the preflight — ops the target cannot run per precision, whether the model
/// fits in its memory, and the estimated (or, with <c>--measure-cmd</c>, measured) latency per precision.
/// </summary>
public sealed class CheckCommand(IAnsiConsole console) : Command<CheckCommand.Settings>
{
    /// <summary>Options of <c>lighten check</c>.</summary>
    public sealed class Settings : ModelSettings
    {
        /// <summary>The target: a built-in name or a YAML profile.</summary>
        [CommandOption(SharedOptions.Target)]
        [Description("A built-in target (see 'lighten targets') or the path of a YAML profile.")]
        public string? Target { get; init; }

        /// <summary>A command that measures one model file on the board.</summary>
        [CommandOption("--measure-cmd <TEMPLATE>")]
        [Description("Measure on the board instead: a shell command with {model} (and optionally {precision}) that prints the milliseconds per image on its last line.")]
        public string? MeasureCommand { get; init; }

        /// <summary>The same model in FP16, for <c>--measure-cmd</c>.</summary>
        [CommandOption("--model-fp16 <FILE>")]
        [Description("The same model in FP16, measured by --measure-cmd too.")]
        public string? ModelFp16 { get; init; }

        /// <summary>The same model in INT8, for <c>--measure-cmd</c>.</summary>
        [CommandOption("--model-int8 <FILE>")]
        [Description("The same model in INT8 (QDQ), measured by --measure-cmd too.")]
        public string? ModelInt8 { get; init; }

        /// <summary>Print JSON instead of a table.</summary>
        [CommandOption(SharedOptions.Json)]
        [Description("Print {target, unsupported, fitsInRam, estimatedLatencyMs} as JSON.")]
        public bool Json { get; init; }

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            string.IsNullOrWhiteSpace(Target) ? ValidationResult.Error("--target is required (see 'lighten targets')")
            : MeasureCommand is null && (ModelFp16 ?? ModelInt8) is not null ? ValidationResult.Error("--model-fp16 and --model-int8 are measured by --measure-cmd, which is missing")
            : ValidationResult.Success();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var graph = settings.Prepare(settings.Model, PreparationOptions.Analysis.NeedingSizes("counting MACs and memory")).Graph;
        var target = TargetChoice.ResolveMeasured(settings.Target, Lighten.Core.IO.LightenCache.Directory).Profile;
        var report = Preflight.Run(graph, target, new PreflightOptions { ModelName = Path.GetFileName(settings.Model) });
        var measured = settings.MeasureCommand is { } template ? Measure(template, settings, Precisions.Of(graph)) : null;
        if (settings.Json) console.Profile.Out.Writer.WriteLine(CheckJson.Format(report, measured));
        else CheckTable.Render(console, report, target, measured);
        return 0;
    }

    private static IReadOnlyDictionary<Precision, double> Measure(string template, Settings settings, Precision modelPrecision)
    {
        var files = new Dictionary<Precision, string> { [modelPrecision] = settings.Model };
        foreach (var (precision, file) in new[] { (Precision.Fp16, settings.ModelFp16), (Precision.Int8, settings.ModelInt8) })
        {
            if (file is null) continue;
            if (!File.Exists(file)) throw new ModelFormatException("file not found", file);
            if (!files.TryAdd(precision, file))
                throw new OptionException($"--model-{precision.Key()} gives a {precision.Key()} model, but MODEL is already {precision.Key()}");
        }
        return files.ToDictionary(kv => kv.Key, kv => MeasureCommand.Run(template, kv.Value, kv.Key));
    }
}
