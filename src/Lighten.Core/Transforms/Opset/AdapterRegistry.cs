using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Opset;

/// <summary>The registered <see cref="OpsetAdapter"/> classes, by op type (default ONNX domain).</summary>
internal static class AdapterRegistry
{
    private static readonly FrozenDictionary<string, OpsetAdapter> Adapters = Discover();

    /// <summary>The adapter of a default-domain op type, or null when the pass does not know the op.</summary>
    public static OpsetAdapter? Find(string opType) => Adapters.GetValueOrDefault(opType);

    private static FrozenDictionary<string, OpsetAdapter> Discover()
    {
        var map = new Dictionary<string, OpsetAdapter>(StringComparer.Ordinal);
        foreach (var type in typeof(OpsetAdapter).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(OpsetAdapter))) continue;
            var adapter = (OpsetAdapter)Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var op in adapter.OpTypes)
                if (!map.TryAdd(op, adapter))
                    throw new InvalidOperationException($"op {op} has two opset adapters: {map[op].GetType().Name} and {type.Name}");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
