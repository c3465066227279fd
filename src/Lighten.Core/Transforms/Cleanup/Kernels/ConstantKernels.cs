using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>The registered <see cref="ConstantKernel"/> classes of this assembly, by op type of the default ONNX domain.</summary>
public static class ConstantKernels
{
    private static readonly FrozenDictionary<string, ConstantKernel> Kernels = Lighten.Core.Ops.OpClasses.Discover<ConstantKernel>(c => c.OpTypes, "kernels");

    /// <summary>The kernel of a node's op, or null when the op cannot be computed at compile time.</summary>
    public static ConstantKernel? Find(Node node) =>
        node.Domain is "" or "ai.onnx" ? Kernels.GetValueOrDefault(node.OpType) : null;

    /// <summary>Every op type with a registered kernel.</summary>
    public static IEnumerable<string> KnownOps => Kernels.Keys.Order(StringComparer.Ordinal);
}
