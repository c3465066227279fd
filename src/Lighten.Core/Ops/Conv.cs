namespace Lighten.Core.Ops;

/// <summary>
/// Conv: input <c>[N, C, spatial...]</c>, weight <c>[M, C/group, kernel...]</c>, optional bias <c>[M]</c>;
/// output <c>[N, M, out...]</c>. MACs = output elements × kernel area × input channels per group.
/// </summary>
internal sealed class Conv : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Conv"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        if (ConvChecks.Start(ctx) is not var (x, w, rank, group)) return;
        if (x is not null && w is not null && x[1].Value is long c && w[1].Value is long perGroup && c != perGroup * group)
            throw ctx.Fail($"the input has {c} channels but the weight {w} with group {group} expects {perGroup * group}");
        var outChannels = w is null ? Dim.Unknown : w[0];
        if (outChannels.Value is long m && m % group != 0)
            throw ctx.Fail($"the weight's {m} output channels are not divisible by group {group}");
        ConvChecks.Bias(ctx, outChannels);

        var window = ConvChecks.Window(ctx, rank - 2, w);
        var dims = new Dim[rank];
        dims[0] = x is null ? Dim.Unknown : x[0];
        dims[1] = outChannels;
        for (int i = 2; i < rank; i++) dims[i] = x is null || window is null ? Dim.Unknown : window.OutputSize(ctx, i - 2, x[i]);
        ctx.SetOutput(0, ctx.InputType(0), new TensorShape(dims));
    }

    /// <inheritdoc/>
    public override long? CountMacs(CostContext ctx)
    {
        if (ctx.OutputDims(0) is not { } y || ctx.InputDims(1) is not { } w) return null;
        return Product(y) * Product(w.AsSpan(2)) * w[1];
    }

    /// <summary>The product of <paramref name="dims"/> (1 for none).</summary>
    internal static long Product(ReadOnlySpan<long> dims)
    {
        long p = 1;
        foreach (var d in dims) p *= d;
        return p;
    }
}
