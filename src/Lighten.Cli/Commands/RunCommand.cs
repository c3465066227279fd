using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Pipeline;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten run PIPELINE.yaml [--out-dir DIR] [--resume]</c>: the guideline on a model, its data, a target and requirements.</summary>
public sealed class RunCommand(IAnsiConsole console) : Command<RunCommand.Settings>
{
    /// <summary>Exit code when the run completed but the final model does not meet every requirement.</summary>
    public const int RequirementsNotMet = 4;

    /// <summary>Options of <c>lighten run</c>.</summary>
    public sealed class Settings : PipelineReportSettings
    {
        /// <summary>The pipeline file.</summary>
        [CommandArgument(0, "<PIPELINE>")]
        [Description("The pipeline YAML file (see pipeline.yaml in the repository).")]
        public string Pipeline { get; init; } = "";

        /// <summary>The output folder.</summary>
        [CommandOption(SharedOptions.OutDir)]
        [Description("Folder for the stages' ONNX artifacts, the journal and the reports (default: lighten-run beside the pipeline file).")]
        public string? Out { get; init; }

        /// <summary>Continue an interrupted run.</summary>
        [CommandOption("--resume")]
        [Description("Continue after the journal's last completed stage (artifacts checked by SHA-256; a fine-tune resumes from its checkpoint).")]
        public bool Resume { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = PipelineFile.Load(settings.Pipeline);
        var text = File.ReadAllText(settings.Pipeline);
        var dir = settings.Out ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.Pipeline))!, "lighten-run");
        var self = RunTrialCommand.Self();
        var report = settings.Json
            ? GuidelineRunner.Run(config, text, dir, settings.Resume, cancellationToken: cancellationToken, trialCommand: self)
            : PipelineConsole.Run(console, observer => GuidelineRunner.Run(config, text, dir, settings.Resume, observer, cancellationToken: cancellationToken, trialCommand: self));
        return Show(console, report, dir, settings.Json);
    }

    /// <summary>Prints the report (table or JSON) and returns the exit code: 0 when every requirement holds, else <see cref="RequirementsNotMet"/>.</summary>
    internal static int Show(IAnsiConsole console, PipelineReport report, string directory, bool json)
    {
        if (json) console.Profile.Out.Writer.WriteLine(JsonReport.Render(report));
        else PipelineConsole.Render(console, report, directory);
        return report.RequirementsMet ? 0 : RequirementsNotMet;
    }
}
