namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Expand: broadcasts the input against the shape input (bidirectionally, as numpy does).</summary>
internal sealed class ExpandKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Expand"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var shape = TensorOps.ToLongs(ctx.Input(1));
        var dims = TensorOps.BroadcastShape(x.Dims, shape) ?? throw ctx.Fail($"Expand of {x} to [{string.Join(",", shape)}] does not broadcast");
        if (TensorOps.Product(dims) > ctx.MaxElements) return null;
        return [TensorOps.Take(x, dims, TensorOps.BroadcastMap(x.Dims, dims))];
    }
}
