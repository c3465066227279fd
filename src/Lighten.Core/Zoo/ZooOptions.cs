namespace Lighten.Core.Zoo;

/// <summary>Options of <see cref="ModelZoo.Build"/>.</summary>
public sealed record ZooOptions
{
    /// <summary>The smallest input height or width: every backbone has stride 32.</summary>
    public const int MinInputSize = 32;

    /// <summary>Input height in pixels.</summary>
    public int InputHeight { get; init; } = 224;

    /// <summary>Input width in pixels.</summary>
    public int InputWidth { get; init; } = 224;

    /// <summary>The head; null takes the name's own (<c>pose_*</c> names are pose models, the others classifiers).</summary>
    public ZooTask? Task { get; init; }

    /// <summary>Classes of a classifier.</summary>
    public int Classes { get; init; } = 1000;

    /// <summary>Joints (heatmaps) of a pose model; 16 as in MPII.</summary>
    public int Joints { get; init; } = 16;

    /// <summary>Output channels of each ConvTranspose of the pose head.</summary>
    public int DeconvChannels { get; init; } = 256;

    /// <summary>When set, a 1×1 Conv+BN+ReLU to this many channels comes before each ConvTranspose of the pose head.</summary>
    public int? BottleneckChannels { get; init; }

    /// <summary>Width multiplier of the MobileNets (null: the name's own, 1 unless the name says otherwise).</summary>
    public double? WidthMultiplier { get; init; }

    /// <summary>Seed of the weight initialization: the same seed gives the same graph.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="OptionException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (InputHeight < MinInputSize || InputWidth < MinInputSize)
            throw new OptionException($"the input {InputHeight}x{InputWidth} is too small: height and width must be at least {MinInputSize} (the backbones' stride)");
        if (Classes < 1) throw new OptionException($"the number of classes must be positive, got {Classes}");
        if (Joints < 1) throw new OptionException($"the number of joints must be positive, got {Joints}");
        if (DeconvChannels < 1) throw new OptionException($"the deconvolution channels must be positive, got {DeconvChannels}");
        if (BottleneckChannels is < 1) throw new OptionException($"the bottleneck channels must be positive, got {BottleneckChannels}");
        if (WidthMultiplier is double w && !(w > 0 && w <= 4))
            throw new OptionException($"the width multiplier must be in (0, 4], got {w.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
