using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>The registered <see cref="OpQuantizer"/> classes, by op type (default ONNX domain).</summary>
internal static class QuantizerRegistry
{
    private static readonly FrozenDictionary<string, OpQuantizer> Quantizers = Discover();

    /// <summary>The quantizer of a node's op, or null when the op has no integer form.</summary>
    public static OpQuantizer? Find(Node node) =>
        node.Domain is "" or "ai.onnx" ? Quantizers.GetValueOrDefault(node.OpType) : null;

    private static FrozenDictionary<string, OpQuantizer> Discover()
    {
        var map = new Dictionary<string, OpQuantizer>(StringComparer.Ordinal);
        foreach (var type in typeof(OpQuantizer).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(OpQuantizer))) continue;
            var quantizer = (OpQuantizer)Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var op in quantizer.OpTypes)
                if (!map.TryAdd(op, quantizer)) throw new InvalidOperationException($"op {op} has two quantizers");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
