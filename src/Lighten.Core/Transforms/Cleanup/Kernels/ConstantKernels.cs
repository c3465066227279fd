using Lighten.Core.Ops;

namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>The registered <see cref="ConstantKernel"/> classes, by domain and op type.</summary>
public static class ConstantKernels
{
    /// <summary>The table: this assembly's kernels, plus those registered from outside with <see cref="OpTable{T}.Register(T)"/>.</summary>
    public static OpTable<ConstantKernel> Kernels { get; } = new("constant kernels", typeof(ConstantKernel).Assembly);

    /// <summary>The kernel of a node's op, or null when the op cannot be computed at compile time.</summary>
    public static ConstantKernel? Find(Node node) => Kernels.Find(node);

    /// <summary>Every op type with a registered kernel, sorted (non-default domains as <c>domain:op</c>).</summary>
    public static IEnumerable<string> KnownOps => Kernels.Names;
}
