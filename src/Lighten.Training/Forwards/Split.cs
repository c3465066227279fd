using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>Split</c> along <c>axis</c>: sizes from the <c>split</c> attribute (before opset 13) or input, else equal
/// parts (the last one smaller when <c>num_outputs</c> does not divide the size, from opset 18).
/// </summary>
internal sealed class Split : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Split"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        int axis = ctx.Axis(ctx.Node.GetInt("axis", 0), x.dim());
        long size = x.shape[axis];
        var sizes = ctx.Opset < 13 ? ctx.Node.GetInts("split") : ctx.Longs(1);
        if (sizes is null || sizes.Length == 0)
        {
            int parts = ctx.Node.Outputs.Length;
            long chunk = (size + parts - 1) / parts;
            sizes = [.. Enumerable.Range(0, parts).Select(i => Math.Clamp(size - i * chunk, 0, chunk))];
        }
        if (sizes.Sum() != size) throw ctx.Fail($"split sizes [{string.Join(",", sizes)}] do not add up to {size}");
        return x.split(sizes, axis);
    }
}
