using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Fp16;

/// <summary>
/// Ops that stay FP32 by default because float16 (11-bit mantissa, largest value 65504, smallest 6·10⁻⁸) breaks them:
/// <list type="bullet">
/// <item>Exp, Pow overflow (e^11 &gt; 65504) and Log underflows to −∞ near 0;</item>
/// <item>Softmax and LogSoftmax sum exponentials: probabilities below 6·10⁻⁸ vanish and the normalizing sum over many classes
/// loses digits; they are cheap and usually the model's output, so they keep FP32;</item>
/// <item>Instance, Layer, Group and Lp normalization compute variances or norms: squares overflow from |x| &gt; 256;</item>
/// <item>Reduce{Sum,Mean,Prod,L1,L2,SumSquare,LogSum,LogSumExp} over more than 4096 elements (or an unknown extent): the running
/// sum exceeds the 11-bit mantissa (a global average over 64×64 already drops the low digits of every addend); ReduceMax/Min only
/// select and stay FP16;</item>
/// <item>Resize with cubic interpolation: its negative lobes amplify rounding error (nearest and linear are convex combinations and stay FP16);</item>
/// <item>CumSum, Range, TopK, NonMaxSuppression and RoiAlign work on coordinates, counts or running sums that need more than 11 bits;</item>
/// <item>random generators keep their FP32 distribution.</item>
/// </list>
/// </summary>
public static class Fp16BlockList
{
    /// <summary>Reductions over more elements than this stay FP32.</summary>
    public const long MaxReducedElements = 4096;

    /// <summary>Op types always kept in FP32.</summary>
    public static FrozenSet<string> AlwaysFp32 { get; } = new[]
    {
        "Exp", "Log", "Pow", "Softmax", "LogSoftmax", "InstanceNormalization", "LayerNormalization", "GroupNormalization",
        "LpNormalization", "CumSum", "Range", "TopK", "NonMaxSuppression", "RoiAlign",
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Accumulating = new[]
    {
        "ReduceSum", "ReduceMean", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Why <paramref name="node"/> must stay FP32, or null when FP16 is safe; <paramref name="graph"/> carries inferred shapes.</summary>
    public static string? Reason(Node node, Graph graph)
    {
        if (node.Domain is not ("" or "ai.onnx")) return null;
        if (AlwaysFp32.Contains(node.OpType)) return $"{node.OpType} is unsafe in FP16";
        if (node.OpType == "Resize" && node.GetString("mode", "nearest") == "cubic") return "cubic Resize amplifies FP16 rounding";
        if (!Accumulating.Contains(node.OpType)) return null;
        long? input = graph.FindValue(node.Inputs[0])?.Shape?.ElementCount;
        long? output = graph.FindValue(node.Outputs[0])?.Shape?.ElementCount;
        if (input is not long i || output is not long o || o == 0) return $"{node.OpType} over an unknown extent may overflow FP16";
        return i / o > MaxReducedElements ? $"{node.OpType} sums {i / o} elements, beyond FP16's precision" : null;
    }
}
