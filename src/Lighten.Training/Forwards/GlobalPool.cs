using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>GlobalAveragePool</c> and <c>GlobalMaxPool</c> over every spatial dimension, kept as size 1.</summary>
internal sealed class GlobalPool : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["GlobalAveragePool", "GlobalMaxPool"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        long[] dims = [.. Enumerable.Range(2, (int)x.dim() - 2).Select(i => (long)i)];
        return [ctx.Node.OpType == "GlobalAveragePool" ? x.mean(dims, keepdim: true) : x.amax(dims, keepdim: true)];
    }
}
