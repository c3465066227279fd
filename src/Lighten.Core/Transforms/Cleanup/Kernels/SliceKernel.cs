namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Slice with starts, ends, axes and steps as attributes (before opset 10) or inputs (from opset 10).</summary>
internal sealed class SliceKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Slice"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        int rank = x.Dims.Length;
        var starts = ctx.IntsFromInputOrAttribute(1, "starts", 10) ?? throw ctx.Fail("Slice has no starts");
        var ends = ctx.IntsFromInputOrAttribute(2, "ends", 10) ?? throw ctx.Fail("Slice has no ends");
        var axes = ctx.IntsFromInputOrAttribute(3, "axes", 10) ?? [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
        var steps = ctx.OpsetVersion >= 10 && ctx.OptionalInput(4) is { } s ? TensorOps.ToLongs(s) : [.. starts.Select(_ => 1L)];
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
            throw ctx.Fail("Slice starts, ends, axes and steps differ in length");

        var dims = x.Dims.ToArray();
        var begin = new long[rank];
        var step = Enumerable.Repeat(1L, rank).ToArray();
        for (int i = 0; i < starts.Length; i++)
        {
            int axis = TensorOps.Axis(axes[i], rank) ?? throw ctx.Fail($"Slice axis {axes[i]} out of range for rank {rank}");
            if (steps[i] == 0) throw ctx.Fail("Slice step is 0");
            long n = x.Dims[axis];
            long st = Clamp(starts[i], n, steps[i], isStart: true), en = Clamp(ends[i], n, steps[i], isStart: false);
            if (steps[i] > 0) en = Math.Max(en, st);
            else en = Math.Min(en, st);
            begin[axis] = st;
            step[axis] = steps[i];
            dims[axis] = n == 0 ? 0 : (Math.Abs(en - st) + Math.Abs(steps[i]) - 1) / Math.Abs(steps[i]);
        }
        var inStrides = TensorOps.Strides(x.Dims);
        long start = 0;
        var stride = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            start += begin[d] * inStrides[d];
            stride[d] = step[d] * inStrides[d];
        }
        return [TensorOps.Take(x, dims, TensorOps.Walk(dims, stride, start))];
    }

    private static long Clamp(long v, long n, long step, bool isStart)
    {
        if (v < 0) v = Math.Max(v + n, -1);
        if (step > 0) return Math.Clamp(v, 0, n);
        return Math.Max(Math.Min(v, n - 1), isStart ? 0 : -1);
    }
}
