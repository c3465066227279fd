namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Where(condition, X, Y) with numpy broadcasting of the three inputs.</summary>
internal sealed class WhereKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Where"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var (cond, x, y) = (ctx.Input(0), ctx.Input(1), ctx.Input(2));
        if (x.ElementType != y.ElementType) throw ctx.Fail($"Where picks from {x.ElementType} and {y.ElementType}");
        var dims = TensorOps.BroadcastShape(cond.Dims, x.Dims, y.Dims) ?? throw ctx.Fail("Where inputs do not broadcast");
        if (TensorOps.Product(dims) > ctx.MaxElements) return null;
        var c = cond.ToInt64Array();
        var mapC = TensorOps.BroadcastMap(cond.Dims, dims);
        var mapX = TensorOps.BroadcastMap(x.Dims, dims);
        var mapY = TensorOps.BroadcastMap(y.Dims, dims);
        // Pick from X or Y by indexing into their concatenation, so any element type works.
        var both = new TensorData(x.ElementType, [x.ElementCount + y.ElementCount], (byte[])[.. x.Raw.Span, .. y.Raw.Span]);
        var map = new long[mapC.Length];
        for (int i = 0; i < map.Length; i++) map[i] = c[mapC[i]] != 0 ? mapX[i] : x.ElementCount + mapY[i];
        return [TensorOps.Take(both, dims, map)];
    }
}
