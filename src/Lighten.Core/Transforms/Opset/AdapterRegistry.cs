using Lighten.Core.Ops;

namespace Lighten.Core.Transforms.Opset;

/// <summary>The registered <see cref="OpsetAdapter"/> classes, by op type (default ONNX domain: the only one <see cref="UpgradeOpset"/> converts).</summary>
public static class AdapterRegistry
{
    /// <summary>The table: this assembly's adapters, plus those registered from outside with <see cref="OpTable{T}.Register(T)"/>.</summary>
    public static OpTable<OpsetAdapter> Adapters { get; } = new("opset adapters", typeof(OpsetAdapter).Assembly);

    /// <summary>The adapter of a default-domain op type, or null when the pass does not know the op.</summary>
    public static OpsetAdapter? Find(string opType) => Adapters.Find("", opType);
}
