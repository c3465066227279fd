using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Shape</c> of the actual input (a symbolic batch is known at run time), sliced by <c>start</c>/<c>end</c> from opset 15.</summary>
internal sealed class Shape : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Shape"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var shape = x.shape;
        int rank = shape.Length;
        long start = ctx.Node.GetInt("start", 0), end = ctx.Node.GetInt("end", rank);
        if (start < 0) start += rank;
        if (end < 0) end += rank;
        start = Math.Clamp(start, 0, rank);
        end = Math.Clamp(end, start, rank);
        return [TorchTensors.LongTensor(shape.AsSpan((int)start, (int)(end - start)), x.device)];
    }
}
