namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Shape (with the <c>start</c> and <c>end</c> attributes of opset 15) and Size of a constant input.</summary>
internal sealed class ShapeKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Shape", "Size"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var dims = ctx.Input(0).Dims.ToArray();
        return ctx.Node.OpType == "Size"
            ? [TensorData.FromInt64s([], [TensorOps.Product(dims)])]
            : [Of(ctx.Node, dims)];
    }

    /// <summary>The output of a Shape node whose input has the fully known <paramref name="dims"/>.</summary>
    public static TensorData Of(Node node, long[] dims)
    {
        int rank = dims.Length;
        long start = node.GetInt("start", 0), end = node.GetInt("end", rank);
        if (start < 0) start += rank;
        if (end < 0) end += rank;
        start = Math.Clamp(start, 0, rank);
        end = Math.Clamp(end, start, rank);
        var slice = dims[(int)start..(int)end];
        return TensorData.FromInt64s([slice.Length], slice);
    }
}
