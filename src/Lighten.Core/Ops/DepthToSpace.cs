namespace Lighten.Core.Ops;

/// <summary>
/// <c>DepthToSpace</c> and <c>SpaceToDepth</c>: an N×C×H×W input rearranged by <c>blocksize</c> b into N×C/b²×bH×bW, or
/// the reverse, N×Cb²×H/b×W/b. The channels (DepthToSpace) or the spatial sizes (SpaceToDepth) must divide evenly.
/// </summary>
internal sealed class DepthToSpace : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["DepthToSpace", "SpaceToDepth"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        long block = ctx.Node.GetInt("blocksize", 0);
        if (block < 1) throw ctx.Fail($"blocksize must be positive, got {block}");
        if (ctx.InputShape(0) is not { } x)
        {
            ctx.SetOutput(0, type, new TensorShape([Dim.Unknown, Dim.Unknown, Dim.Unknown, Dim.Unknown]));
            return;
        }
        if (x.Rank != 4) throw ctx.Fail($"{ctx.Node.OpType} takes a rank-4 input, got rank {x.Rank}");
        bool toSpace = ctx.Node.OpType == "DepthToSpace";
        Dim Divide(Dim d, string what)
        {
            if (d.Value is not long v) return Dim.Unknown;
            if (v % (toSpace ? block * block : block) != 0) throw ctx.Fail($"the {what} {v} is not divisible by {(toSpace ? block * block : block)}");
            return v / (toSpace ? block * block : block);
        }
        Dim Multiply(Dim d, long by) => d.Value is long v ? v * by : Dim.Unknown;
        var dims = toSpace
            ? new[] { x[0], Divide(x[1], "channel count"), Multiply(x[2], block), Multiply(x[3], block) }
            : [x[0], Multiply(x[1], block * block), Divide(x[2], "height"), Divide(x[3], "width")];
        ctx.SetOutput(0, type, new TensorShape(dims));
    }
}
