using System.ComponentModel;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Preparation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>The <c>--input-shape</c> option every command that reads a model takes, and the model preparation it feeds.</summary>
public abstract class InputShapeSettings : CommandSettings
{
    /// <summary>Input shapes to fix, each <c>NAME=1x3x224x224</c>.</summary>
    [CommandOption(SharedOptions.InputShape)]
    [Description("Fix an input's shape, e.g. input=1x3x224x224 (repeatable); needed when a height or width is symbolic.")]
    public string[] InputShapeSpecs { get; init; } = [];

    /// <summary>The ONNX files the command reads; each is checked before any other option, so that a missing or wrong file is named first.</summary>
    protected virtual IEnumerable<string> ModelFiles => [];

    /// <summary>Checks <see cref="ModelFiles"/> (missing, a folder, empty, a text file), then <see cref="ValidateOptions"/>.</summary>
    public sealed override ValidationResult Validate()
    {
        foreach (var file in ModelFiles)
        {
            try
            {
                OnnxImporter.CheckFile(file);
            }
            catch (ModelFormatException e)
            {
                return ValidationResult.Error(e.Describe(CliFlags.Of));
            }
        }
        return ValidateOptions();
    }

    /// <summary>Checks the options of the command once its model files are known to be readable.</summary>
    protected virtual ValidationResult ValidateOptions() => ValidationResult.Success();

    /// <summary>The parsed <c>--input-shape</c> values; throws <see cref="OptionException"/> on a malformed one or a name given twice.</summary>
    public IReadOnlyDictionary<string, long[]> ParseInputShapes()
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var spec in InputShapeSpecs)
        {
            var (name, dims) = InputShapes.Parse(spec);
            if (!shapes.TryAdd(name, dims)) throw new OptionException($"--input-shape gives '{name}' twice");
        }
        return shapes;
    }

    /// <summary>Imports <paramref name="path"/> through <see cref="ModelPreparation"/> with <paramref name="options"/> and these input shapes.</summary>
    public PreparedModel Prepare(string path, PreparationOptions options) => ModelPreparation.Load(path, options.WithShapes(ParseInputShapes()));
}
