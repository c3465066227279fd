namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>
/// Computes the outputs of a family of ONNX ops from constant inputs at compile time, for constant
/// folding. Subclasses are found and registered by <see cref="ConstantKernels"/>: adding an op means
/// adding one class.
/// </summary>
public abstract class ConstantKernel : Lighten.Core.Ops.IOpHandler
{
    /// <summary>The op types (of <see cref="Domain"/>) this kernel computes.</summary>
    public abstract IReadOnlyList<string> OpTypes { get; }

    /// <summary>The op domain; empty for ONNX's default domain.</summary>
    public virtual string Domain => "";

    /// <summary>
    /// The node's outputs (one per node output), or null when this kernel cannot compute them (an
    /// unsupported element type or attribute, or an output larger than <see cref="KernelContext.MaxElements"/>).
    /// Throws through <see cref="KernelContext.Fail"/> when the inputs contradict the op.
    /// </summary>
    public abstract TensorData[]? Compute(KernelContext ctx);
}
