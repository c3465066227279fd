using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>Softmax</c> and <c>LogSoftmax</c>: along <c>axis</c> (default −1) from opset 13; before, over the input
/// flattened to 2-D at <c>axis</c> (default 1), as those opsets define.
/// </summary>
internal sealed class Softmax : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Softmax", "LogSoftmax"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        bool log = ctx.Node.OpType == "LogSoftmax";
        if (ctx.Opset >= 13) return [Apply(x, ctx.Axis(ctx.Node.GetInt("axis", -1), x.dim()), log)];
        var shape = x.shape;
        int axis = ctx.Axis(ctx.Node.GetInt("axis", 1), shape.Length);
        long outer = shape[..axis].Aggregate(1L, (a, b) => a * b);
        return [Apply(x.reshape(outer, -1), 1, log).reshape(shape)];
    }

    private static Tensor Apply(Tensor x, long dim, bool log) => log ? x.log_softmax(dim) : x.softmax(dim);
}
