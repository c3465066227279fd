using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Expand</c>: broadcasts the input and the given shape against each other (either may have the larger dimension).</summary>
internal sealed class Expand : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Expand"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var shape = ctx.Longs(1) ?? throw ctx.Fail("the shape input is missing");
        var input = x.shape;
        int rank = Math.Max(input.Length, shape.Length);
        var target = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long a = i - (rank - input.Length) is int k && k >= 0 ? input[k] : 1;
            long b = i - (rank - shape.Length) is int j && j >= 0 ? shape[j] : 1;
            if (a != b && a != 1 && b != 1) throw ctx.Fail($"cannot broadcast dimension {a} to {b}");
            target[i] = a == 1 ? b : a;
        }
        return [x.expand(target)];
    }
}
