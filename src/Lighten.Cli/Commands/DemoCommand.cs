using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Pipeline.Demo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten demo [--preset smoke|quick|standard|paper] [-O DIR] [--resume]</c>: the built-in reference case on generated data.</summary>
public sealed class DemoCommand(IAnsiConsole console) : Command<DemoCommand.Settings>
{
    /// <summary>Options of <c>lighten demo</c>.</summary>
    public sealed class Settings : PipelineReportSettings
    {
        /// <summary>The demo's size.</summary>
        [CommandOption("--preset <NAME>")]
        [Description("smoke (CI, ~3 min), quick (≤ 15 min on 2 cores), standard (128x128, about 2¼ hours) or paper (256x256, about 2¼ hours; run it in the background, --resume continues).")]
        [DefaultValue("quick")]
        public string Preset { get; init; } = "quick";

        /// <summary>The output folder.</summary>
        [CommandOption(SharedOptions.OutDir)]
        [Description("Folder for the data, pipeline.yaml, artifacts, journal and reports.")]
        [DefaultValue("lighten-demo")]
        public string Out { get; init; } = "lighten-demo";

        /// <summary>Continue an interrupted demo.</summary>
        [CommandOption("--resume")]
        [Description("Continue an interrupted demo in --out-dir after its last completed stage.")]
        public bool Resume { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            DemoPreset.Names.Contains(Preset) ? ValidationResult.Success()
            : ValidationResult.Error($"--preset '{Preset}' is not one of {string.Join(", ", DemoPreset.Names)}");
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var preset = DemoPreset.Get(settings.Preset);
        var report = settings.Json
            ? DemoRun.Run(preset, settings.Out, settings.Resume, cancellationToken: cancellationToken)
            : PipelineConsole.Run(console, observer => DemoRun.Run(preset, settings.Out, settings.Resume, observer, cancellationToken: cancellationToken));
        return RunCommand.Show(console, report, Path.GetFullPath(settings.Out), settings.Json);
    }
}
