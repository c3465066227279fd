using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>Settings shared by commands that read one model.</summary>
public class ModelSettings : InputShapeSettings
{
    /// <summary>The ONNX model to read.</summary>
    [CommandArgument(0, "<MODEL>")]
    [Description("The ONNX model file.")]
    public string Model { get; init; } = "";

    /// <inheritdoc/>
    protected override IEnumerable<string> ModelFiles => [Model];

    /// <summary>Print a stack trace with errors.</summary>
    [CommandOption(SharedOptions.Verbose)]
    [Description(SharedOptions.VerboseHelp)]
    public bool Verbose { get; init; }
}
