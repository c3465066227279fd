using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Opset;

/// <summary>The registered <see cref="OpsetAdapter"/> classes, by op type (default ONNX domain).</summary>
internal static class AdapterRegistry
{
    private static readonly FrozenDictionary<string, OpsetAdapter> Adapters = Lighten.Core.Ops.OpClasses.Discover<OpsetAdapter>(c => c.OpTypes, "opset adapters");

    /// <summary>The adapter of a default-domain op type, or null when the pass does not know the op.</summary>
    public static OpsetAdapter? Find(string opType) => Adapters.GetValueOrDefault(opType);
}
