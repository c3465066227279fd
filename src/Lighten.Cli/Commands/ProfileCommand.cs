using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Spectre.Console;
using Spectre.Console.Cli;
using Lighten.Core.Transforms.Preparation;


namespace Lighten.Cli.Commands;

/// <summary><c>lighten profile MODEL</c>: per-layer MACs, parameters and memory.</summary>
public sealed class ProfileCommand(IAnsiConsole console) : Command<ProfileCommand.Settings>
{
    /// <summary>Options of <c>lighten profile</c>.</summary>
    public sealed class Settings : ModelSettings
    {
        /// <summary>How many layers to show, most MACs first.</summary>
        [CommandOption("--top <N>")]
        [Description("Show only the N layers with the most MACs (default: all in the JSON, 25 in the table).")]
        public int? Top { get; init; }

        /// <summary>Print JSON instead of a table.</summary>
        [CommandOption(SharedOptions.Json)]
        [Description("Print the profile as JSON.")]
        public bool Json { get; init; }

        /// <inheritdoc/>
        protected override ValidationResult ValidateOptions() =>
            Top is <= 0 ? ValidationResult.Error("--top must be a positive number") : ValidationResult.Success();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var graph = settings.Prepare(settings.Model, PreparationOptions.Analysis.NeedingSizes("counting MACs and memory")).Graph;
        var profile = Profiler.Run(graph, new ProfileOptions { ModelName = Path.GetFileName(settings.Model) });
        if (settings.Json) console.Profile.Out.Writer.WriteLine(ProfileJson.Format(profile, settings.Top));
        else ProfileTable.Render(console, profile, settings.Top ?? 25);
        return 0;
    }
}
