namespace Lighten.Core.Ops;

/// <summary>
/// <c>Resize</c>: each dimension is <c>floor(size x scale)</c>, or taken from <c>sizes</c>. Inputs are
/// (X, scales) in opset 10 and (X, roi, scales, sizes) from opset 11, where an empty scales means
/// "use sizes"; opset 18 adds the <c>axes</c> they refer to and <c>keep_aspect_ratio_policy</c>.
/// </summary>
internal sealed class Resize : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Resize"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        if (ctx.RankedInput() is not { } shape) return;
        int rank = shape.Rank;
        var axes = ctx.OpsetVersion >= 18 && ctx.Node.GetInts("axes") is { } given
            ? ctx.NormalizeAxes(given, rank)
            : [.. Enumerable.Range(0, rank)];
        int scalesInput = ctx.OpsetVersion >= 11 ? 2 : 1;
        var sizes = ctx.OpsetVersion >= 11 ? ctx.ReadInputInts(3) : IntListArg.Absent;
        bool useSizes = sizes.IsPresent && sizes.Length != 0;
        if (!useSizes && !ctx.HasInput(scalesInput)) throw ctx.Fail("Resize needs scales or sizes");

        var dims = shape.Dims.ToArray();
        if (useSizes) ApplySizes(ctx, dims, axes, sizes);
        else if (ctx.InputConstant(scalesInput) is { } scales)
        {
            if (scales.ElementCount != axes.Length)
                throw ctx.Fail($"Resize has {scales.ElementCount} scales for {axes.Length} axes");
            var factors = scales.ToFloatArray();
            for (int i = 0; i < axes.Length; i++) dims[axes[i]] = ScaleDim(ctx, dims[axes[i]], factors[i]);
        }
        else foreach (var a in axes) dims[a] = Dim.Unknown;
        ctx.SetOutput(0, type, new TensorShape(dims));
    }

    /// <summary><c>floor(dim x scale)</c>; a symbolic dimension survives a scale of 1.</summary>
    internal static Dim ScaleDim(ShapeContext ctx, Dim dim, float scale)
    {
        if (!(scale > 0)) throw ctx.Fail($"scale {scale} is not positive");
        if (dim.Value is long size) return (long)Math.Floor(size * (double)scale);
        return scale == 1 ? dim : Dim.Unknown;
    }

    private static void ApplySizes(ShapeContext ctx, Dim[] dims, int[] axes, IntListArg sizes)
    {
        if (sizes.Length is int n && n != axes.Length)
            throw ctx.Fail($"Resize has {n} sizes for {axes.Length} axes");
        if (sizes.Values is not { } values)
        {
            foreach (var a in axes) dims[a] = Dim.Unknown;
            return;
        }
        var policy = ctx.OpsetVersion >= 18 ? ctx.Node.GetString("keep_aspect_ratio_policy", "stretch") : "stretch";
        if (policy == "stretch")
        {
            for (int i = 0; i < axes.Length; i++) dims[axes[i]] = values[i];
            return;
        }
        if (policy is not ("not_larger" or "not_smaller"))
            throw ctx.Fail($"unknown keep_aspect_ratio_policy '{policy}'");
        var inputs = axes.Select(a => dims[a].Value).ToArray();
        var wanted = values.Select(d => d.Value).ToArray();
        if (inputs.Any(v => v is null) || wanted.Any(v => v is null))
        {
            foreach (var a in axes) dims[a] = Dim.Unknown;
            return;
        }
        var ratios = inputs.Zip(wanted, (i, w) => (double)w!.Value / i!.Value).ToArray();
        double scale = policy == "not_larger" ? ratios.Min() : ratios.Max();
        // round_int in the ONNX spec rounds halves up.
        for (int i = 0; i < axes.Length; i++) dims[axes[i]] = (long)Math.Floor(scale * inputs[i]!.Value + 0.5);
    }
}
