namespace Lighten.Core.Ops;

/// <summary>
/// BatchNormalization: output 0 has the input's type and shape; the optional statistics outputs
/// (running or saved mean and variance, in training mode) are vectors of the channel count.
/// </summary>
internal sealed class BatchNormalization : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["BatchNormalization"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        if (x is { Rank: < 2 }) throw ctx.Fail($"the input must have a channel dimension, got shape {x}");
        var channels = x is null ? Dim.Unknown : x[1];
        for (int i = 1; i <= 4; i++)
        {
            if (ctx.InputShape(i) is { Rank: 1 } p && p[0].Value is long n && channels.Value is long c && n != c)
                throw ctx.Fail($"input {i} has {n} elements but the input has {c} channels");
        }
        ctx.SetOutput(0, ctx.InputType(0), x);
        var statType = ctx.InputType(3) is var t && t != ElementType.Undefined ? t : ctx.InputType(0);
        for (int i = 1; i < ctx.Node.Outputs.Length; i++) ctx.SetOutput(i, statType, new TensorShape([channels]));
    }
}
