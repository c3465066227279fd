using Lighten.Core;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary><c>Gemm</c>: alpha·A'·B' + beta·C with optional transposes; a fully connected layer (transB, alpha = beta = 1) runs as one linear.</summary>
internal sealed class Gemm : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Gemm"];

    /// <inheritdoc/>
    public override bool IsWeight(Node node, int input, TensorData value) => input is 1 or 2;

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var node = ctx.Node;
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        var c = ctx.Optional(2);
        float alpha = node.GetFloat("alpha", 1f), beta = node.GetFloat("beta", 1f);
        bool transA = node.GetInt("transA", 0) != 0, transB = node.GetInt("transB", 0) != 0;
        if (transA) a = a.t();
        MatMul.CheckInner(ctx, a, transB ? b.t() : b);
        if (alpha == 1 && beta == 1 && (c is null || c.dim() <= 1))
            return [F.linear(a, transB ? b : b.t(), c)];
        var y = a.matmul(transB ? b.t() : b);
        if (alpha != 1) y = y * alpha;
        if (c is not null) y = beta == 1 ? y + c : y + c * beta;
        return [y];
    }
}
