using Lighten.Core.Ops;

namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>The registered <see cref="OpQuantizer"/> classes, by domain and op type.</summary>
public static class QuantizerRegistry
{
    /// <summary>The table: this assembly's quantizers, plus those registered from outside with <see cref="OpTable{T}.Register(T)"/>.</summary>
    public static OpTable<OpQuantizer> Quantizers { get; } = new("quantizers", typeof(OpQuantizer).Assembly);

    /// <summary>The quantizer of a node's op, or null when the op has no integer form.</summary>
    public static OpQuantizer? Find(Node node) => Quantizers.Find(node);
}
