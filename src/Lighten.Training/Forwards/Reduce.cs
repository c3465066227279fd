using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>ReduceMean</c>, <c>ReduceSum</c>, <c>ReduceMax</c> and <c>ReduceMin</c>: axes from the attribute or (ReduceSum
/// from opset 13, the others from 18) the input; no axes reduce everything unless <c>noop_with_empty_axes</c>.
/// </summary>
internal sealed class Reduce : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var op = ctx.Node.OpType;
        bool axesAsInput = ctx.Opset >= (op == "ReduceSum" ? 13 : 18);
        var axes = axesAsInput ? ctx.Longs(1) : ctx.Node.GetInts("axes");
        bool keep = ctx.Node.GetInt("keepdims", 1) != 0;
        if (axes is null || axes.Length == 0)
        {
            if (ctx.Node.GetInt("noop_with_empty_axes", 0) != 0) return [x.alias()];
            axes = [.. Enumerable.Range(0, (int)x.dim()).Select(i => (long)i)];
        }
        long[] dims = [.. axes.Select(a => (long)ctx.Axis(a, x.dim()))];
        return [op switch
        {
            "ReduceMean" => x.mean(dims, keep),
            "ReduceSum" => x.sum(dims, keep),
            "ReduceMax" => x.amax(dims, keep),
            _ => x.amin(dims, keep),
        }];
    }
}
