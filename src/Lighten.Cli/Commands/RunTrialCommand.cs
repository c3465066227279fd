using System.ComponentModel;
using System.Globalization;
using Lighten.Pipeline.Stages;
using Lighten.Pipeline.Trials;
using Lighten.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>
/// <c>lighten trial --spec FILE --index N</c> (hidden): one trial of a step's spec file, as an executor's child process or
/// cluster job runs it — the same <see cref="TrialRunner"/> call the pipeline makes in-process. Status lines go to stdout.
/// </summary>
public sealed class RunTrialCommand(IAnsiConsole console) : Command<RunTrialCommand.Settings>
{
    /// <summary>Options of <c>lighten trial</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The step's spec file.</summary>
        [CommandOption("--spec <FILE>")]
        [Description("The step's trial spec file (trials.json).")]
        public string Spec { get; init; } = "";

        /// <summary>The trial's index in it.</summary>
        [CommandOption("--index <N>")]
        [Description("The trial's index in the spec file (a Kubernetes indexed job passes JOB_COMPLETION_INDEX, a Slurm array SLURM_ARRAY_TASK_ID).")]
        public int? Index { get; init; }

        /// <summary>Print a stack trace with errors.</summary>
        [CommandOption(SharedOptions.Verbose)]
        [Description(SharedOptions.VerboseHelp)]
        public bool Verbose { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            Spec.Length == 0 ? ValidationResult.Error("--spec is required")
            : Index is null ? ValidationResult.Error("--index is required")
            : ValidationResult.Success();
    }

    /// <summary>How to start this program's <c>trial</c> verb: the <c>lighten</c> apphost beside this assembly, else <c>dotnet lighten.dll</c>.</summary>
    public static TrialCommand Self()
    {
        var assembly = typeof(RunTrialCommand).Assembly.Location;
        var folder = Path.GetDirectoryName(assembly)!;
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "lighten.exe" : "lighten");
        if (File.Exists(apphost)) return new TrialCommand(apphost, []);
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet
            : Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        return new TrialCommand(host, [assembly]);
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = TrialRunner.Run(settings.Spec, settings.Index!.Value, cancellationToken, new LineObserver(console));
        console.WriteLine(result.Written
            ? $"trial {result.Index} ({result.Label}) done: {result.Artifact}" + (result.Metric is { } m ? string.Create(CultureInfo.InvariantCulture, $", {m.Name} {m.Value:0.####}") : "")
            : $"trial {result.Index} ({result.Label}) done, no artifact: {result.NotAppliedReason}");
        return 0;
    }

    /// <summary>Status lines, one per line (a trial's log is a file, not a terminal).</summary>
    private sealed class LineObserver(IAnsiConsole console) : IPipelineObserver
    {
        public IProgress<TrainingProgress>? Training => null;

        public void StageStarted(string id, string title) { }

        public void Status(string text) => console.WriteLine(text);

        public void Progress(string task, int done, int total) { }

        public void StageFinished(StageRecord record, bool restored) { }
    }
}
