namespace Lighten.Core.Zoo;

/// <summary>The per-model rules a <see cref="NetBuilder"/> applies to the layers it adds.</summary>
/// <param name="ConvInit">Initialization of convolutions.</param>
/// <param name="LinearInit">Initialization of Linear (Gemm) layers.</param>
/// <param name="BatchNormEpsilon">BatchNormalization epsilon.</param>
/// <param name="BatchNormMomentum">BatchNormalization momentum in PyTorch's convention (the weight of the new batch); ONNX's attribute is 1 minus it.</param>
public sealed record LayerDefaults(WeightInit ConvInit, WeightInit LinearInit, float BatchNormEpsilon = 1e-5f, float BatchNormMomentum = 0.1f)
{
    /// <summary>ResNet: Kaiming normal (fan out) convolutions, PyTorch's default Linear.</summary>
    public static LayerDefaults ResNet { get; } = new(WeightInit.KaimingNormalFanOut, WeightInit.PyTorchDefault);

    /// <summary>MobileNetV2: Kaiming normal (fan out) convolutions, Linear N(0, 0.01²).</summary>
    public static LayerDefaults MobileNetV2 { get; } = new(WeightInit.KaimingNormalFanOut, WeightInit.Normal(0.01));

    /// <summary>MobileNetV3: as MobileNetV2, with BatchNorm epsilon 0.001 and momentum 0.01.</summary>
    public static LayerDefaults MobileNetV3 { get; } = new(WeightInit.KaimingNormalFanOut, WeightInit.Normal(0.01), 1e-3f, 0.01f);

    /// <summary>ShuffleNetV2: PyTorch's defaults everywhere (torchvision sets no rule).</summary>
    public static LayerDefaults ShuffleNetV2 { get; } = new(WeightInit.PyTorchDefault, WeightInit.PyTorchDefault);

    /// <summary>The SimpleBaseline pose head: N(0, 0.001²) for its convolutions.</summary>
    public static LayerDefaults PoseHead { get; } = new(WeightInit.Normal(0.001), WeightInit.Normal(0.001));
}
