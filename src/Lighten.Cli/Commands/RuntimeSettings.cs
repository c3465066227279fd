using System.ComponentModel;
using Lighten.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>Settings shared by commands that run models in ONNX Runtime: <c>--threads</c>, <c>--json</c>, <c>--verbose</c> (and <c>--input-shape</c>).</summary>
public abstract class RuntimeSettings : InputShapeSettings
{
    /// <summary>Intra-op threads; null = one per physical core.</summary>
    [CommandOption("--threads <N>")]
    [Description("ONNX Runtime intra-op threads (default: one per physical core).")]
    public int? Threads { get; init; }

    /// <summary>Print JSON instead of a table.</summary>
    [CommandOption(SharedOptions.Json)]
    [Description(SharedOptions.JsonHelp)]
    public bool Json { get; init; }

    /// <summary>Print a stack trace with errors.</summary>
    [CommandOption(SharedOptions.Verbose)]
    [Description(SharedOptions.VerboseHelp)]
    public bool Verbose { get; init; }

    /// <summary>The session options the flags ask for.</summary>
    public SessionOptionsSpec Session => new() { IntraOpThreads = Threads };

    /// <inheritdoc/>
    protected override ValidationResult ValidateOptions() =>
        Threads is < 1 or > SessionOptionsSpec.MaxThreads
            ? ValidationResult.Error($"--threads must be between 1 and {SessionOptionsSpec.MaxThreads}")
            : ValidationResult.Success();
}
