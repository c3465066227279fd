namespace Lighten.Core.Ops;

/// <summary>
/// Clip: same type and shape as the input. Its bounds are the attributes <c>min</c> and <c>max</c> before
/// opset 11 and optional scalar inputs from opset 11 on.
/// </summary>
internal sealed class Clip : SameShapeFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Clip"];

    /// <inheritdoc/>
    protected override void Check(ShapeContext ctx)
    {
        if (ctx.OpsetVersion is > 0 and < 11)
        {
            if (ctx.InputCount > 1) throw ctx.Fail($"before opset 11 Clip takes its bounds as attributes, not inputs (opset {ctx.OpsetVersion})");
            return;
        }
        for (int i = 1; i <= 2; i++)
        {
            if (ctx.InputShape(i) is { } s && s.ElementCount is long n && n != 1)
                throw ctx.Fail($"the {(i == 1 ? "min" : "max")} bound must be a scalar, got shape {s}");
        }
    }
}
