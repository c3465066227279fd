using System.Collections.Immutable;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Core.Transforms.Fp16;

/// <summary>What <see cref="ConvertToFp16"/> did, beyond the graph.</summary>
/// <param name="Pass">The pass's record (graph, changes, details).</param>
/// <param name="Fp16Nodes">Nodes now computing in float16.</param>
/// <param name="KeptFp32">Float nodes kept FP32, with the reason.</param>
/// <param name="Casts">Cast nodes inserted at the FP16/FP32 boundaries.</param>
/// <param name="ClampedWeights">Weight values beyond ±65504 clamped to the largest float16.</param>
/// <param name="FlushedWeights">Non-zero weight values too small for float16 that became 0.</param>
public sealed record Fp16Conversion(PassResult Pass, int Fp16Nodes, ImmutableArray<Fp32Layer> KeptFp32, int Casts, long ClampedWeights, long FlushedWeights)
{
    /// <summary>The converted graph.</summary>
    public Graph Graph => Pass.Graph;
}
