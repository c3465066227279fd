using Lighten.Core;

namespace Lighten.Runtime.Calibration;

/// <summary>How a tensor's quantization range is chosen from its statistics.</summary>
public enum CalibrationMethod
{
    /// <summary>The observed minimum and maximum: nothing saturates, outliers cost resolution.</summary>
    MinMax,

    /// <summary>Clip a small fraction of the mass at each end (99.99th percentile by default).</summary>
    Percentile,

    /// <summary>The threshold minimizing the KL divergence between the histogram and its quantized form (TensorRT's method).</summary>
    Entropy,

    /// <summary>The range minimizing the expected squared quantization error (rounding inside, clipping outside).</summary>
    Mse,
}

/// <summary>Parsing and naming of <see cref="CalibrationMethod"/>.</summary>
public static class CalibrationMethods
{
    /// <summary>The names accepted on the command line.</summary>
    public static IReadOnlyList<string> Names { get; } = ["minmax", "percentile", "entropy", "mse"];

    /// <summary>Parses <c>minmax</c>, <c>percentile</c>, <c>entropy</c> or <c>mse</c>.</summary>
    /// <exception cref="OptionException">Any other name.</exception>
    public static CalibrationMethod Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "minmax" => CalibrationMethod.MinMax,
        "percentile" => CalibrationMethod.Percentile,
        "entropy" => CalibrationMethod.Entropy,
        "mse" => CalibrationMethod.Mse,
        _ => throw new OptionException($"unknown calibration method '{name}' (use {string.Join(", ", Names)})"),
    };

    /// <summary>The command-line name of <paramref name="method"/>.</summary>
    public static string Name(this CalibrationMethod method) => Names[(int)method];

    /// <summary>Whether the method needs a histogram of each tensor.</summary>
    public static bool NeedsHistogram(this CalibrationMethod method) => method != CalibrationMethod.MinMax;
}
