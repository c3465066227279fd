namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Gather along the <c>axis</c> attribute with int32 or int64 indices (negative ones count from the end).</summary>
internal sealed class GatherKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Gather"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var data = ctx.Input(0);
        var indices = ctx.Input(1);
        int rank = data.Dims.Length;
        int axis = TensorOps.Axis(ctx.Node.GetInt("axis", 0), rank) ?? throw ctx.Fail($"Gather axis out of range for rank {rank}");
        long n = data.Dims[axis];
        var index = TensorOps.ToLongs(indices);
        for (int i = 0; i < index.Length; i++)
        {
            if (index[i] < -n || index[i] >= n) throw ctx.Fail($"Gather index {index[i]} out of range for dimension {n}");
            if (index[i] < 0) index[i] += n;
        }
        long outer = TensorOps.Product(data.Dims, 0, axis);
        long inner = TensorOps.Product(data.Dims, axis + 1);
        long[] dims = [.. data.Dims.Take(axis), .. indices.Dims, .. data.Dims.Skip(axis + 1)];
        var map = new long[outer * index.Length * inner];
        long k = 0;
        for (long o = 0; o < outer; o++)
            foreach (var idx in index)
                for (long i = 0; i < inner; i++)
                    map[k++] = (o * n + idx) * inner + i;
        return [TensorOps.Take(data, dims, map)];
    }
}
