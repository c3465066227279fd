using System.ComponentModel;
using Lighten.Data.Imaging;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>Settings of commands that feed images to a model: the preprocessing flags every such command shares.</summary>
public abstract class PreprocessSettings : RuntimeSettings
{
    /// <inheritdoc cref="PreprocessOptions.Size"/>
    [CommandOption(PreprocessOptions.SizeFlag)]
    [Description(PreprocessOptions.SizeHelp + " (default: the model's input size)")]
    public string? Size { get; init; }

    /// <inheritdoc cref="PreprocessOptions.Resize"/>
    [CommandOption(PreprocessOptions.ResizeFlag)]
    [Description(PreprocessOptions.ResizeHelp)]
    public string? Resize { get; init; }

    /// <inheritdoc cref="PreprocessOptions.Bgr"/>
    [CommandOption(PreprocessOptions.BgrFlag)]
    [Description(PreprocessOptions.BgrHelp)]
    public bool Bgr { get; init; }

    /// <inheritdoc cref="PreprocessOptions.Scale"/>
    [CommandOption(PreprocessOptions.ScaleFlag)]
    [Description(PreprocessOptions.ScaleHelp)]
    public string? Scale { get; init; }

    /// <inheritdoc cref="PreprocessOptions.Mean"/>
    [CommandOption(PreprocessOptions.MeanFlag)]
    [Description(PreprocessOptions.MeanHelp)]
    public string? Mean { get; init; }

    /// <inheritdoc cref="PreprocessOptions.Std"/>
    [CommandOption(PreprocessOptions.StdFlag)]
    [Description(PreprocessOptions.StdHelp)]
    public string? Std { get; init; }

    /// <summary>The flags as given (null where not given).</summary>
    public PreprocessOptions Preprocess => new(Size, Resize, Bgr, Scale, Mean, Std);
}
