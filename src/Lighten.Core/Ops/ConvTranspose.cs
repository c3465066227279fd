namespace Lighten.Core.Ops;

/// <summary>
/// ConvTranspose: input <c>[N, C, spatial...]</c>, weight <c>[C, M/group, kernel...]</c>, optional bias <c>[M]</c>;
/// output <c>[N, M, out...]</c> with ONNX's formulas (explicit <c>output_shape</c>, SAME padding, or
/// <c>stride × (in − 1) + output_padding + (k − 1) × dilation + 1 − pads</c>).
/// MACs = input elements × kernel area × output channels per group.
/// </summary>
internal sealed class ConvTranspose : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["ConvTranspose"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        if (ConvChecks.Start(ctx) is not var (x, w, rank, group)) return;
        if (x is not null && w is not null && x[1].Value is long c && w[0].Value is long wc && c != wc)
            throw ctx.Fail($"the input has {c} channels but the weight {w} expects {wc}");
        if (w is not null && w[0].Value is long inW && inW % group != 0)
            throw ctx.Fail($"the weight's {inW} input channels are not divisible by group {group}");
        var outChannels = w is not null && w[1].Value is long perGroup ? Dim.Of(perGroup * group) : Dim.Unknown;
        ConvChecks.Bias(ctx, outChannels);

        int n = rank - 2;
        var window = ConvChecks.Window(ctx, n, w);
        var outputPadding = ctx.Node.GetInts("output_padding") ?? new long[n];
        if (outputPadding.Length != n)
            throw ctx.Fail($"output_padding {SpatialWindow.Format(outputPadding)} has {outputPadding.Length} values for {n} spatial dimensions");
        if (outputPadding.Any(p => p < 0)) throw ctx.Fail($"output_padding {SpatialWindow.Format(outputPadding)} must not be negative");
        var explicitShape = OutputShapeAttribute(ctx, n);

        var dims = new Dim[rank];
        dims[0] = x is null ? Dim.Unknown : x[0];
        dims[1] = outChannels;
        for (int i = 0; i < n; i++)
            dims[i + 2] = explicitShape?[i] ?? Spatial(window, i, outputPadding[i], x is null ? Dim.Unknown : x[i + 2]);
        ctx.SetOutput(0, ctx.InputType(0), new TensorShape(dims));
    }

    /// <inheritdoc/>
    public override long? CountMacs(CostContext ctx)
    {
        if (ctx.InputDims(0) is not { } x || ctx.InputDims(1) is not { } w) return null;
        return Conv.Product(x) * Conv.Product(w.AsSpan(2)) * w[1];
    }

    private static Dim Spatial(SpatialWindow? window, int i, long outputPadding, Dim input)
    {
        if (input.Value is not long n || window is null) return Dim.Unknown;
        if (window.IsSame) return n * window.Strides[i];
        return window.Strides[i] * (n - 1) + outputPadding + window.EffectiveKernel(i) - window.TotalPad(i);
    }

    /// <summary>The spatial part of <c>output_shape</c>, which may also list batch and channels; null when absent.</summary>
    private static long[]? OutputShapeAttribute(ShapeContext ctx, int n)
    {
        if (ctx.Node.GetInts("output_shape") is not { } shape) return null;
        if (shape.Length == n + 2) shape = shape[2..];
        if (shape.Length != n)
            throw ctx.Fail($"output_shape {SpatialWindow.Format(shape)} must give {n} spatial dimensions");
        if (shape.Any(d => d <= 0)) throw ctx.Fail($"output_shape {SpatialWindow.Format(shape)} must be positive");
        return shape;
    }
}
