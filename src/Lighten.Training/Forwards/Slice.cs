using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>Slice</c>: starts, ends, axes and steps from attributes (before opset 10) or inputs, clamped as ONNX
/// says; negative steps gather the selected indices.
/// </summary>
internal sealed class Slice : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Slice"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        long[] starts, ends;
        long[]? axes, steps = null;
        if (ctx.Opset < 10)
        {
            starts = ctx.Node.GetInts("starts") ?? throw ctx.Fail("the starts attribute is missing");
            ends = ctx.Node.GetInts("ends") ?? throw ctx.Fail("the ends attribute is missing");
            axes = ctx.Node.GetInts("axes");
        }
        else
        {
            starts = ctx.Longs(1) ?? throw ctx.Fail("starts is missing");
            ends = ctx.Longs(2) ?? throw ctx.Fail("ends is missing");
            axes = ctx.Longs(3);
            steps = ctx.Longs(4);
        }
        axes ??= [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
        if (ends.Length != starts.Length || axes.Length != starts.Length || (steps is not null && steps.Length != starts.Length))
            throw ctx.Fail("starts, ends, axes and steps have different lengths");
        var y = x;
        for (int i = 0; i < starts.Length; i++)
        {
            int axis = ctx.Axis(axes[i], x.dim());
            long step = steps?[i] ?? 1;
            if (step == 0) throw ctx.Fail("a step is 0");
            y = Along(y, axis, starts[i], ends[i], step);
        }
        return [ReferenceEquals(y, x) ? x.alias() : y];
    }

    private static Tensor Along(Tensor x, int axis, long start, long end, long step)
    {
        long n = x.shape[axis];
        if (start < 0) start += n;
        if (end < 0) end += n;
        if (step > 0)
        {
            start = Math.Clamp(start, 0, n);
            end = Math.Clamp(end, 0, n);
            return end <= start ? x.narrow(axis, start, 0) : x.slice(axis, start, end, step);
        }
        start = Math.Clamp(start, 0, n - 1);
        end = Math.Clamp(end, -1, n - 1);
        var indices = new List<long>();
        for (long i = start; i > end; i += step) indices.Add(i);
        return x.index_select(axis, TorchTensors.LongTensor([.. indices], x.device));
    }
}
