using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Squeeze</c> of the listed axes (attribute before opset 13, input after), or of every size-1 dimension.</summary>
internal sealed class Squeeze : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Squeeze"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var axes = ctx.Opset < 13 ? ctx.Node.GetInts("axes") : ctx.Longs(1);
        var shape = x.shape;
        var drop = axes is null || axes.Length == 0
            ? [.. Enumerable.Range(0, shape.Length).Where(i => shape[i] == 1)]
            : axes.Select(a => ctx.Axis(a, shape.Length)).ToHashSet();
        foreach (var a in drop)
            if (shape[a] != 1) throw ctx.Fail($"cannot squeeze axis {a} of size {shape[a]}");
        return [x.reshape([.. shape.Where((_, i) => !drop.Contains(i))])];
    }
}
