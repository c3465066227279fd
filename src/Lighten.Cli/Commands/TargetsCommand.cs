using System.ComponentModel;
using Lighten.Cli.Rendering;
using Lighten.Core.Targets;
using Lighten.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary><c>lighten targets</c>: the built-in target profiles, and this machine's measurement on request.</summary>
public sealed class TargetsCommand(IAnsiConsole console) : Command<TargetsCommand.Settings>
{
    /// <summary>Options of <c>lighten targets</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Measure this machine with ONNX Runtime and keep the result as the <c>host</c> profile.</summary>
        [CommandOption("--measure-host")]
        [Description("Measure this machine with ONNX Runtime (a few seconds) and keep it as the 'host' profile.")]
        public bool MeasureHost { get; init; }

        /// <summary>Print JSON instead of a table.</summary>
        [CommandOption(SharedOptions.Json)]
        [Description("Print the profiles as JSON.")]
        public bool Json { get; init; }

        /// <summary>Print a stack trace with errors.</summary>
        [CommandOption(SharedOptions.Verbose)]
        [Description(SharedOptions.VerboseHelp)]
        public bool Verbose { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.MeasureHost)
        {
            var path = HostProfileCache.Save(HostProfiler.Measure(), Lighten.Core.IO.LightenCache.Directory);
            if (!settings.Json) console.MarkupLine($"[grey]measured this machine; saved to {Markup.Escape(path)}[/]");
        }
        var profiles = TargetCatalog.BuiltIn(Lighten.Core.IO.LightenCache.Directory);
        if (settings.Json) console.Profile.Out.Writer.WriteLine(TargetsJson.Format(profiles));
        else TargetsTable.Render(console, profiles);
        return 0;
    }
}
