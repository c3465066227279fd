using System.Collections.Frozen;
using static TorchSharp.torch;

namespace Lighten.Training;

/// <summary>
/// The arithmetic of a <see cref="GraphModule"/>'s forward and backward, as in mixed precision training (Micikevicius et
/// al., 2018): the parameters stay float32 (the master weights the optimizer updates), each op computes in a 16-bit type
/// and the gradients flow back through the casts into the float32 parameters.
/// </summary>
public enum MixedPrecision
{
    /// <summary>Everything in float32.</summary>
    Off,

    /// <summary>
    /// bfloat16 forward and backward on the CPU: float32's 8-bit exponent, so gradients neither underflow nor overflow and
    /// need no loss scaling (FP16 with loss scaling is the GPU form, which this CPU build does not run).
    /// </summary>
    Bf16,
}

/// <summary>
/// What a mixed-precision forward casts: TorchSharp 0.107 has no autocast, so <see cref="GraphModule"/> casts each op's float
/// inputs itself — to bfloat16 for the ops that tolerate it (convolutions, GEMMs, activations, pooling, data movement), to
/// float32 for those whose statistics, sums or exponentials need its 24-bit mantissa (the ops autocast keeps in float32).
/// BatchNormalization runs in float32 with float32 running statistics, updated in place.
/// </summary>
internal static class MixedPrecisionCasts
{
    /// <summary>Ops computed in float32 in a mixed-precision forward.</summary>
    public static FrozenSet<string> Fp32Ops { get; } = new[]
    {
        "BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization", "LpNormalization",
        "Softmax", "LogSoftmax", "Exp", "Log", "Pow", "CumSum",
        "ReduceSum", "ReduceMean", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="node"/> computes in float32 in a mixed-precision forward: the ops of <see cref="Fp32Ops"/>, and
    /// strided convolutions where the native-engine probe found their BF16 kernels wrong on this CPU.
    /// </summary>
    public static bool ComputesInFp32(Lighten.Core.Node node) => Fp32Ops.Contains(node.OpType)
        || (Native.NativeEngine.Bf16StridedConvolutionsInFp32 && node.OpType == "Conv" && node.GetInts("strides") is { } strides && strides.Any(s => s > 1));

    /// <summary>The 16-bit type of <paramref name="mode"/>, or null when it is <see cref="MixedPrecision.Off"/>.</summary>
    public static ScalarType? ComputeType(MixedPrecision mode) => mode switch
    {
        MixedPrecision.Bf16 => ScalarType.BFloat16,
        _ => null,
    };

    /// <summary>Whether <paramref name="t"/> holds float32 or a 16-bit float (integer and boolean tensors are never cast).</summary>
    public static bool IsFloating(Tensor t) => t.dtype is ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16;
}
