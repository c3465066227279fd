using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Transpose</c> by <c>perm</c> (default: reversed dimensions).</summary>
internal sealed class Transpose : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Transpose"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var perm = ctx.Node.GetInts("perm") ?? [.. Enumerable.Range(0, (int)x.dim()).Reverse().Select(i => (long)i)];
        return [x.permute(perm)];
    }
}
