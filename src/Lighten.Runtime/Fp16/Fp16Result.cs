using Lighten.Core;
using Lighten.Core.Transforms.Fp16;

namespace Lighten.Runtime.Fp16;

/// <summary>What <see cref="Fp16Precision.Run"/> made: the conversion, the speed decision and whether the FP16 model ships.</summary>
/// <param name="Conversion">The FP16 conversion (FP16 nodes, FP32 islands, casts, clamped weights).</param>
/// <param name="Decision">Whether the target runs FP16 faster, and why; null when no decision was asked for.</param>
/// <param name="Write">Whether the FP16 model should be written: the decision says so, or it was forced.</param>
public sealed record Fp16Result(Fp16Conversion Conversion, Fp16Decision? Decision, bool Write)
{
    /// <summary>The FP16 graph (validated).</summary>
    public Graph Graph => Conversion.Pass.Graph;
}
