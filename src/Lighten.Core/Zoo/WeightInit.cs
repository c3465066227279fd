namespace Lighten.Core.Zoo;

/// <summary>How a Conv, ConvTranspose or Linear layer's weights and bias are drawn.</summary>
public enum WeightInitKind
{
    /// <summary>torchvision's <c>kaiming_normal_(mode="fan_out", nonlinearity="relu")</c>: N(0, 2 / fan_out); bias 0.</summary>
    KaimingNormalFanOut,

    /// <summary>PyTorch's layer default, <c>kaiming_uniform_(a=√5)</c>: U(±1/√fan_in) for weight and bias.</summary>
    PyTorchDefault,

    /// <summary>N(0, std²) with a fixed std; bias 0.</summary>
    Normal,
}

/// <summary>A weight initialization rule; fan in and fan out are computed as PyTorch does (not divided by groups for fan out).</summary>
/// <param name="Kind">The rule.</param>
/// <param name="Std">The standard deviation of <see cref="WeightInitKind.Normal"/>.</param>
public sealed record WeightInit(WeightInitKind Kind, double Std = 0)
{
    /// <summary>torchvision's convolution rule for ResNet and MobileNet.</summary>
    public static WeightInit KaimingNormalFanOut { get; } = new(WeightInitKind.KaimingNormalFanOut);

    /// <summary>PyTorch's default for Conv2d and Linear (ShuffleNetV2, ResNet's fc).</summary>
    public static WeightInit PyTorchDefault { get; } = new(WeightInitKind.PyTorchDefault);

    /// <summary>N(0, <paramref name="std"/>²) weights and zero bias.</summary>
    public static WeightInit Normal(double std) => new(WeightInitKind.Normal, std);

    /// <summary>Draws a weight of <paramref name="dims"/> (PyTorch layout: dim 0 and 1 are output/input or input/output channels, the rest the kernel).</summary>
    internal float[] Weight(SplitMix64 random, long[] dims)
    {
        var values = new float[dims.Aggregate(1L, (a, b) => a * b)];
        long receptive = dims.Skip(2).Aggregate(1L, (a, b) => a * b);
        long fanIn = dims[1] * receptive, fanOut = dims[0] * receptive;
        switch (Kind)
        {
            case WeightInitKind.KaimingNormalFanOut: FillNormal(random, values, Math.Sqrt(2.0 / fanOut)); break;
            case WeightInitKind.Normal: FillNormal(random, values, Std); break;
            default: FillUniform(random, values, 1 / Math.Sqrt(fanIn)); break;
        }
        return values;
    }

    /// <summary>Draws the bias of a layer whose weight has <paramref name="weightDims"/>.</summary>
    internal float[] Bias(SplitMix64 random, long[] weightDims, int channels)
    {
        var values = new float[channels];
        if (Kind == WeightInitKind.PyTorchDefault)
            FillUniform(random, values, 1 / Math.Sqrt(weightDims[1] * weightDims.Skip(2).Aggregate(1L, (a, b) => a * b)));
        return values;
    }

    private static void FillUniform(SplitMix64 random, float[] values, double bound)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
    }

    // Box-Muller, both values of each pair used.
    private static void FillNormal(SplitMix64 random, float[] values, double std)
    {
        float s = (float)std;
        for (int i = 0; i < values.Length; i += 2)
        {
            float u = (float)(1 - random.NextDouble()), v = (float)random.NextDouble();
            float r = s * MathF.Sqrt(-2 * MathF.Log(u));
            var (sin, cos) = MathF.SinCos(2 * MathF.PI * v);
            values[i] = r * cos;
            if (i + 1 < values.Length) values[i + 1] = r * sin;
        }
    }
}
