using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Lighten.Data.Synthetic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten data synth-pose -O DIR</c>: writes the synthetic pose set of the built-in demo.</summary>
public sealed class DataSynthPoseCommand(IAnsiConsole console) : Command<DataSynthPoseCommand.Settings>
{
    /// <summary>Options of <c>lighten data synth-pose</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The data set folder.</summary>
        [CommandOption(SharedOptions.OutDir)]
        [Description("Folder to write images/ and annotations.json into (created; must be empty or a previous synth-pose output).")]
        public string Out { get; init; } = "";

        /// <summary>Number of images.</summary>
        [CommandOption("--count <N>")]
        [Description("Number of images, one person each.")]
        [DefaultValue(1000)]
        public int Count { get; init; } = 1000;

        /// <summary>Image side in pixels.</summary>
        [CommandOption("--size <PIXELS>")]
        [Description("Width and height of the square images.")]
        [DefaultValue(128)]
        public int Size { get; init; } = 128;

        /// <summary>Seed of every random choice.</summary>
        [CommandOption("--seed <S>")]
        [Description("Random seed; the same seed gives the same files.")]
        [DefaultValue(0)]
        public int Seed { get; init; }

        /// <summary>Write into a non-empty folder that holds other files.</summary>
        [CommandOption("--force")]
        [Description("Write into a non-empty folder that is not a previous synth-pose output (its images/ and annotations.json are replaced, other files kept).")]
        public bool Force { get; init; }

        /// <summary>Print the summary as JSON.</summary>
        [CommandOption(SharedOptions.Json)]
        [Description("Print the summary as JSON instead of a line of text.")]
        public bool Json { get; init; }

        /// <summary>Print a stack trace with errors.</summary>
        [CommandOption(SharedOptions.Verbose)]
        [Description(SharedOptions.VerboseHelp)]
        public bool Verbose { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out-dir DIR is required") : ValidationResult.Success();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new SyntheticPoseOptions { Count = settings.Count, Size = settings.Size, Seed = settings.Seed, Force = settings.Force };
        SyntheticPoseSummary? summary = null;
        if (settings.Json) summary = SyntheticPose.Generate(settings.Out, options, null, cancellationToken);
        else
            console.Progress().AutoClear(true).Start(progress =>
            {
                var task = progress.AddTask("drawing poses", maxValue: options.Count);
                summary = SyntheticPose.Generate(settings.Out, options, new TaskProgress(task), cancellationToken);
            });

        if (settings.Json)
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
            {
                folder = summary!.Folder,
                images = summary.Images,
                size = options.Size,
                seed = options.Seed,
                joints = new { visible = summary.VisibleJoints, occluded = summary.OccludedJoints, outside = summary.OutsideJoints },
            }));
        else
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {summary!.Images} images of {options.Size}x{options.Size} and annotations.json to [bold]{Markup.Escape(summary.Folder)}[/] " +
                $"(joints: {summary.VisibleJoints} visible, {summary.OccludedJoints} occluded, {summary.OutsideJoints} outside)"));
        return 0;
    }

    /// <summary>Moves the bar from worker threads; reports may arrive out of order.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (task)
                if (value > task.Value) task.Value = value;
        }
    }
}
