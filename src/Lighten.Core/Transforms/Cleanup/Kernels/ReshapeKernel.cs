namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Ops that keep the elements in order and change only the dimensions: Reshape, Flatten, Squeeze, Unsqueeze, Identity.</summary>
internal sealed class ReshapeKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var dims = ctx.Node.OpType switch
        {
            "Reshape" => Reshape(ctx, x),
            "Flatten" => Flatten(ctx, x),
            "Squeeze" => Squeeze(ctx, x),
            "Unsqueeze" => Unsqueeze(ctx, x),
            _ => [.. x.Dims],
        };
        return [TensorOps.WithDims(x, dims)];
    }

    private static long[] Reshape(KernelContext ctx, TensorData x)
    {
        var shape = (ctx.OpsetVersion >= 5 ? TensorOps.ToLongs(ctx.Input(1)) : ctx.Node.GetInts("shape"))
            ?? throw ctx.Fail("Reshape has no target shape");
        bool allowZero = ctx.Node.GetInt("allowzero", 0) != 0;
        var dims = new long[shape.Length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            long d = shape[i];
            if (d == 0 && !allowZero)
            {
                if (i >= x.Dims.Length) throw ctx.Fail($"Reshape copies dimension {i} that the input does not have");
                d = x.Dims[i];
            }
            if (d == -1)
            {
                if (inferred >= 0) throw ctx.Fail("Reshape has more than one -1");
                inferred = i;
                continue;
            }
            if (d < 0) throw ctx.Fail($"Reshape has invalid dimension {d}");
            dims[i] = d;
            known *= d;
        }
        if (inferred >= 0)
        {
            if (known == 0 || x.ElementCount % known != 0) throw ctx.Fail($"Reshape cannot infer -1 for {x.ElementCount} elements into [{string.Join(",", shape)}]");
            dims[inferred] = x.ElementCount / known;
        }
        if (TensorOps.Product(dims) != x.ElementCount)
            throw ctx.Fail($"Reshape of {x.ElementCount} elements into [{string.Join(",", dims)}]");
        return dims;
    }

    private static long[] Flatten(KernelContext ctx, TensorData x)
    {
        int rank = x.Dims.Length;
        long axis = ctx.Node.GetInt("axis", 1);
        if (axis < 0) axis += rank;
        if (axis < 0 || axis > rank) throw ctx.Fail($"Flatten axis {axis} out of range for rank {rank}");
        return [TensorOps.Product(x.Dims, 0, (int)axis), TensorOps.Product(x.Dims, (int)axis)];
    }

    private static long[] Squeeze(KernelContext ctx, TensorData x)
    {
        int rank = x.Dims.Length;
        var axes = ctx.IntsFromInputOrAttribute(1, "axes", 13);
        if (axes is null) return [.. x.Dims.Where(d => d != 1)];
        var drop = new HashSet<int>();
        foreach (var a in axes)
        {
            int axis = TensorOps.Axis(a, rank) ?? throw ctx.Fail($"Squeeze axis {a} out of range for rank {rank}");
            if (x.Dims[axis] != 1) throw ctx.Fail($"Squeeze axis {a} has size {x.Dims[axis]}, not 1");
            drop.Add(axis);
        }
        return [.. x.Dims.Where((_, i) => !drop.Contains(i))];
    }

    private static long[] Unsqueeze(KernelContext ctx, TensorData x)
    {
        var axes = ctx.IntsFromInputOrAttribute(1, "axes", 13) ?? throw ctx.Fail("Unsqueeze has no axes");
        int rank = x.Dims.Length + axes.Length;
        var insert = new HashSet<int>();
        foreach (var a in axes)
            if (!insert.Add(TensorOps.Axis(a, rank) ?? throw ctx.Fail($"Unsqueeze axis {a} out of range for rank {rank}")))
                throw ctx.Fail($"Unsqueeze axis {a} repeated");
        var dims = new long[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) dims[i] = insert.Contains(i) ? 1 : x.Dims[j++];
        return dims;
    }
}
