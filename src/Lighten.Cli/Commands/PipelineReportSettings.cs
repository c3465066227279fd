using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>What <c>lighten run</c> and <c>lighten demo</c> share: how the report is printed.</summary>
public abstract class PipelineReportSettings : CommandSettings
{
    /// <summary>Print the JSON report instead of the table.</summary>
    [CommandOption(SharedOptions.Json)]
    [Description("Print report.json instead of the table.")]
    public bool Json { get; init; }

    /// <summary>Print a stack trace with errors.</summary>
    [CommandOption(SharedOptions.Verbose)]
    [Description(SharedOptions.VerboseHelp)]
    public bool Verbose { get; init; }
}
