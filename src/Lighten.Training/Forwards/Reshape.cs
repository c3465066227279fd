using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Reshape</c>: a 0 copies the input's dimension (unless <c>allowzero</c>), a −1 is inferred.</summary>
internal sealed class Reshape : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Reshape"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var shape = ctx.Opset < 5 ? ctx.Node.GetInts("shape") : ctx.Longs(1);
        if (shape is null) throw ctx.Fail("the target shape is missing");
        bool allowZero = ctx.Node.GetInt("allowzero", 0) != 0;
        for (int i = 0; i < shape.Length; i++)
            if (shape[i] == 0 && !allowZero)
                shape[i] = i < x.dim() ? x.shape[i] : throw ctx.Fail($"shape[{i}] = 0 copies a dimension the rank-{x.dim()} input lacks");
        return [x.reshape(shape)];
    }
}
