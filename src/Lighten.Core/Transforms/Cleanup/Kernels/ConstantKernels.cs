using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>The registered <see cref="ConstantKernel"/> classes of this assembly, by op type of the default ONNX domain.</summary>
public static class ConstantKernels
{
    private static readonly FrozenDictionary<string, ConstantKernel> Kernels = Discover();

    /// <summary>The kernel of a node's op, or null when the op cannot be computed at compile time.</summary>
    public static ConstantKernel? Find(Node node) =>
        node.Domain is "" or "ai.onnx" ? Kernels.GetValueOrDefault(node.OpType) : null;

    /// <summary>Every op type with a registered kernel.</summary>
    public static IEnumerable<string> KnownOps => Kernels.Keys.Order(StringComparer.Ordinal);

    private static FrozenDictionary<string, ConstantKernel> Discover()
    {
        var map = new Dictionary<string, ConstantKernel>(StringComparer.Ordinal);
        foreach (var type in typeof(ConstantKernel).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(ConstantKernel))) continue;
            var kernel = (ConstantKernel)Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var op in kernel.OpTypes)
                if (!map.TryAdd(op, kernel))
                    throw new InvalidOperationException($"op {op} has kernels {map[op].GetType().Name} and {type.Name}");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
