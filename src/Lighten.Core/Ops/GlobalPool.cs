namespace Lighten.Core.Ops;

/// <summary>GlobalAveragePool, GlobalMaxPool and GlobalLpPool: <c>[N, C, spatial...]</c> to <c>[N, C, 1, ...]</c>.</summary>
internal sealed class GlobalPool : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        if (x is { Rank: < 3 }) throw ctx.Fail($"the input must be [N, C, spatial...], got shape {x}");
        ctx.SetOutput(0, ctx.InputType(0), x is null ? null : new TensorShape(x.Dims.Select((d, i) => i < 2 ? d : Dim.Of(1))));
    }
}
