namespace Lighten.Core.Ops;

/// <summary>
/// MaxPool, AveragePool and LpPool: input <c>[N, C, spatial...]</c>, output <c>[N, C, out...]</c> with
/// kernel_shape, strides, dilations, pads, auto_pad and ceil_mode. MaxPool's optional second output
/// (the indices) is an int64 tensor of the same shape.
/// </summary>
internal sealed class Pool : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["MaxPool", "AveragePool", "LpPool"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        if (x is null)
        {
            ctx.SetOutput(0, ctx.InputType(0), null);
            return;
        }
        if (x.Rank < 3) throw ctx.Fail($"the input must be [N, C, spatial...], got shape {x}");
        var window = SpatialWindow.Read(ctx, x.Rank - 2);
        bool ceil = ctx.Node.GetInt("ceil_mode", 0) != 0;
        var dims = new Dim[x.Rank];
        dims[0] = x[0];
        dims[1] = x[1];
        for (int i = 2; i < x.Rank; i++) dims[i] = window.OutputSize(ctx, i - 2, x[i], ceil);
        var shape = new TensorShape(dims);
        ctx.SetOutput(0, ctx.InputType(0), shape);
        ctx.SetOutput(1, ElementType.Int64, shape);
    }
}
