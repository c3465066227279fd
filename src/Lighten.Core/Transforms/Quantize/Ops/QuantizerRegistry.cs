using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>The registered <see cref="OpQuantizer"/> classes, by op type (default ONNX domain).</summary>
internal static class QuantizerRegistry
{
    private static readonly FrozenDictionary<string, OpQuantizer> Quantizers = Lighten.Core.Ops.OpClasses.Discover<OpQuantizer>(c => c.OpTypes, "quantizers");

    /// <summary>The quantizer of a node's op, or null when the op has no integer form.</summary>
    public static OpQuantizer? Find(Node node) =>
        node.Domain is "" or "ai.onnx" ? Quantizers.GetValueOrDefault(node.OpType) : null;
}
