using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Runtime;
using Lighten.Runtime.Fp16;
using Spectre.Console;
using Spectre.Console.Cli;


namespace Lighten.Cli.Commands;

/// <summary>
/// <c>lighten fp16 MODEL -o OUT</c>: converts weights and activations to float16 (unsafe ops and <c>--keep-fp32</c> stay FP32),
/// and writes the model only if the target runs FP16 faster than FP32 (measured on the host), or with <c>--force</c>.
/// </summary>
public sealed class Fp16Command(IAnsiConsole console) : Command<Fp16Command.Settings>
{
    /// <summary>Options of <c>lighten fp16</c>.</summary>
    public sealed class Settings : RuntimeSettings
    {
        /// <summary>The FP32 ONNX model.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The FP32 ONNX model file.")]
        public string Model { get; init; } = "";

        /// <inheritdoc/>
        protected override IEnumerable<string> ModelFiles => [Model];

        /// <summary>Where to write the FP16 model.</summary>
        [CommandOption(SharedOptions.Output)]
        [Description("The FP16 ONNX file to write (never the input).")]
        public string Output { get; init; } = "";

        /// <summary>Op types or node names kept in FP32.</summary>
        [CommandOption("--keep-fp32 <OPS|NODES>")]
        [Description("Op types or node names to keep in FP32, comma-separated (repeatable), besides the default block list.")]
        public string[] KeepFp32 { get; init; } = [];

        /// <summary>The target device.</summary>
        [CommandOption(SharedOptions.Target)]
        [Description("Where the model will run: host (default: FP16 and FP32 are timed here side by side), a built-in profile or a YAML profile file (its FP16 ops, and its latency estimate decides).")]
        public string? Target { get; init; }

        /// <summary>Convert even when FP16 is not faster.</summary>
        [CommandOption("--force")]
        [Description("Write the FP16 model even when the target does not run it faster.")]
        public bool Force { get; init; }

        /// <summary>Timed runs per model and round on the host.</summary>
        [CommandOption(SharedOptions.Runs)]
        [Description("Timed batch-1 runs per model on the host, FP16 and FP32 interleaved in 5 rounds.")]
        [DefaultValue(SharedOptions.RunsDefault)]
        public int Runs { get; init; } = SharedOptions.RunsDefault;

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o PATH is required")
            : Runs < 1 ? ValidationResult.Error("--runs must be at least 1")
            : base.ValidateOptions();
    }

    private const int Rounds = 5;

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        OutputGuard.EnsureNotInput(settings.Output, settings.Model);
        var target = TargetChoice.Resolve(settings.Target, Lighten.Core.IO.LightenCache.Directory);
        var keep = settings.KeepFp32.SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var model = settings.Prepare(settings.Model, Fp16Precision.Preparation(target));
        var result = Fp16Precision.Run(model, target, new Fp16PrecisionOptions { Rounds = Rounds, KeepFp32 = keep, Force = settings.Force, RunsPerRound = (settings.Runs + Rounds - 1) / Rounds, Session = settings.Session });
        var (conversion, decision, write) = (result.Conversion, result.Decision!, result.Write);
        if (write) OnnxExporter.Save(result.Graph, settings.Output);
        if (settings.Json) console.Profile.Out.Writer.WriteLine(Fp16Report.Json(conversion, decision, write ? settings.Output : null));
        else Fp16Report.Render(console, conversion, decision, write ? settings.Output : null, settings.Force);
        return 0;
    }
}
