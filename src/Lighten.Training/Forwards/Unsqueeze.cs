using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Unsqueeze</c>: inserts size-1 dimensions at the listed axes of the output (attribute before opset 13, input after).</summary>
internal sealed class Unsqueeze : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Unsqueeze"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var axes = (ctx.Opset < 13 ? ctx.Node.GetInts("axes") : ctx.Longs(1)) ?? throw ctx.Fail("axes are missing");
        int rank = (int)x.dim() + axes.Length;
        var inserted = axes.Select(a => ctx.Axis(a, rank)).ToHashSet();
        if (inserted.Count != axes.Length) throw ctx.Fail("an axis is listed twice");
        var input = x.shape;
        var shape = new long[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) shape[i] = inserted.Contains(i) ? 1 : input[k++];
        return [x.reshape(shape)];
    }
}
