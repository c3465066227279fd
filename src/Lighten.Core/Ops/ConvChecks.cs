namespace Lighten.Core.Ops;

/// <summary>Checks shared by Conv and ConvTranspose: group, ranks, bias length, kernel from the weight.</summary>
internal static class ConvChecks
{
    /// <summary>
    /// The input and weight shapes, their common rank and the group; null, after setting an output of unknown
    /// rank, when neither rank is known. Throws when the ranks or the group are invalid.
    /// </summary>
    public static (TensorShape? X, TensorShape? W, int Rank, long Group)? Start(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        var w = ctx.InputShape(1);
        int rank = x?.Rank ?? w?.Rank ?? -1;
        if (rank < 0)
        {
            ctx.SetOutput(0, ctx.InputType(0), null);
            return null;
        }
        var group = Group(ctx);
        Ranks(ctx, x, w, rank);
        return (x, w, rank, group);
    }

    private static long Group(ShapeContext ctx)
    {
        long group = ctx.Node.GetInt("group", 1);
        return group > 0 ? group : throw ctx.Fail($"group must be positive, got {group}");
    }

    /// <summary>Input and weight must have the same rank, at least 3 (batch, channel, one spatial dimension).</summary>
    private static void Ranks(ShapeContext ctx, TensorShape? x, TensorShape? w, int rank)
    {
        if (rank < 3) throw ctx.Fail($"the input must be [N, C, spatial...], got rank {rank}");
        if (x is not null && w is not null && x.Rank != w.Rank)
            throw ctx.Fail($"the weight {w} has rank {w.Rank} but the input {x} has rank {x.Rank}");
    }

    /// <summary>A present bias must be a vector of the output channel count.</summary>
    public static void Bias(ShapeContext ctx, Dim outChannels)
    {
        if (ctx.InputShape(2) is not { } b) return;
        if (b.Rank != 1) throw ctx.Fail($"the bias must be a vector, got shape {b}");
        if (b[0].Value is long n && outChannels.Value is long m && n != m)
            throw ctx.Fail($"the bias has {n} elements but the op has {m} output channels");
    }

    /// <summary>The window attributes, or null when neither the weight's shape nor <c>kernel_shape</c> gives the kernel.</summary>
    public static SpatialWindow? Window(ShapeContext ctx, int spatialRank, TensorShape? w)
    {
        var kernel = WeightKernel(w);
        return kernel is null && ctx.Node.GetInts("kernel_shape") is null ? null : SpatialWindow.Read(ctx, spatialRank, kernel);
    }

    /// <summary>The kernel size from the weight's spatial dimensions, when all are known.</summary>
    public static long[]? WeightKernel(TensorShape? w) =>
        w is not null && w.Dims.Skip(2).All(d => d.IsKnown) ? [.. w.Dims.Skip(2).Select(d => d.Value!.Value)] : null;
}
