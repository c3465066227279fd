namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Cast to the type of the <c>to</c> attribute (floats to integers truncate toward zero; to bool is v != 0).</summary>
internal sealed class CastKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Cast"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var to = (ElementType)ctx.Node.GetInt("to", 0);
        if (!TensorOps.IsSupported(x.ElementType) || !TensorOps.IsSupported(to)) return null;
        if (to == x.ElementType) return [x];
        if (to.IsFloat() || (to == ElementType.Bool && x.ElementType.IsFloat()))
            return [TensorOps.FromDoubles(to, x.Dims, TensorOps.ToDoubles(x))];
        return [TensorOps.FromLongs(to, x.Dims, TensorOps.ToLongs(x))];
    }
}
