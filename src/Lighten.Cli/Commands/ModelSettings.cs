using System.ComponentModel;
using Lighten.Core;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>Settings shared by commands that read one model.</summary>
public class ModelSettings : CommandSettings
{
    /// <summary>The ONNX model to read.</summary>
    [CommandArgument(0, "<MODEL>")]
    [Description("The ONNX model file.")]
    public string Model { get; init; } = "";

    /// <summary>Input shapes to fix, each <c>NAME=1x3x224x224</c>.</summary>
    [CommandOption("--input-shape <SPEC>")]
    [Description("Fix an input's shape, e.g. input=1x3x224x224 (repeatable).")]
    public string[] InputShapeSpecs { get; init; } = [];

    /// <summary>Print a stack trace with errors.</summary>
    [CommandOption("--verbose")]
    [Description("Show stack traces with errors.")]
    public bool Verbose { get; init; }

    /// <summary>The parsed <c>--input-shape</c> values; throws <see cref="OptionException"/> on a malformed one.</summary>
    public IReadOnlyDictionary<string, long[]> ParseInputShapes() => ParseInputShapes(InputShapeSpecs);

    /// <summary>Parses <c>--input-shape</c> values; throws <see cref="OptionException"/> on a malformed one or a name given twice.</summary>
    public static IReadOnlyDictionary<string, long[]> ParseInputShapes(IEnumerable<string> specs)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var (name, dims) = InputShapes.Parse(spec);
            if (!shapes.TryAdd(name, dims)) throw new OptionException($"--input-shape gives '{name}' twice");
        }
        return shapes;
    }
}
