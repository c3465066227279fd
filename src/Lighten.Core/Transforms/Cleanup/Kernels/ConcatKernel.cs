namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Concat along the <c>axis</c> attribute.</summary>
internal sealed class ConcatKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Concat"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var parts = Enumerable.Range(0, ctx.InputCount).Select(ctx.Input).ToArray();
        var first = parts[0];
        int rank = first.Dims.Length;
        int axis = TensorOps.Axis(ctx.Node.GetInt("axis", 0), rank) ?? throw ctx.Fail($"Concat axis out of range for rank {rank}");
        foreach (var p in parts)
        {
            if (p.ElementType != first.ElementType || p.Dims.Length != rank
                || Enumerable.Range(0, rank).Any(d => d != axis && p.Dims[d] != first.Dims[d]))
                throw ctx.Fail($"Concat inputs {first} and {p} do not match outside axis {axis}");
        }
        var dims = first.Dims.ToArray();
        dims[axis] = parts.Sum(p => p.Dims[axis]);
        int size = first.ElementType.SizeOf();
        long outer = TensorOps.Product(dims, 0, axis);
        var bytes = new byte[TensorOps.Product(dims) * size];
        long offset = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (var p in parts)
            {
                int block = (int)(TensorOps.Product(p.Dims, axis) * size);
                p.Raw.Span.Slice((int)(o * block), block).CopyTo(bytes.AsSpan((int)offset, block));
                offset += block;
            }
        }
        return [new TensorData(first.ElementType, dims, bytes)];
    }
}
