namespace Lighten.Core.Ops;

/// <summary>PRelu: the slope broadcasts to the input (unidirectionally), so the output has the input's type and shape.</summary>
internal sealed class PRelu : SameShapeFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["PRelu"];

    /// <inheritdoc/>
    protected override void Check(ShapeContext ctx)
    {
        if (ctx.InputShape(0) is { } x && ctx.InputShape(1) is { } slope && !Broadcasting.IsUnidirectional(slope, x))
            throw ctx.Fail($"the slope of shape {slope} does not broadcast to the input shape {x}");
    }
}
