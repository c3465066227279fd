using Lighten.Core;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>BatchNormalization</c>: in training mode it normalizes with batch statistics and updates the running
/// mean and variance in place (ONNX's momentum m keeps m of the old value: libtorch's momentum is 1 − m).
/// Scale and bias are weights; the running statistics are buffers.
/// </summary>
internal sealed class BatchNormalization : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["BatchNormalization"];

    /// <inheritdoc/>
    public override bool IsWeight(Node node, int input, TensorData value) => input is 1 or 2;

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        if (opset < 9 && node.GetInt("spatial", 1) == 0) throw Refuse(node, "spatial=0 (per-element statistics) is not supported");
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var mean = ctx.Input(3);
        var variance = ctx.Input(4);
        double momentum = ctx.BatchNormMomentum ?? 1 - ctx.Node.GetFloat("momentum", 0.9f);
        var y = F.batch_norm(ctx.Input(0), mean, variance, ctx.Input(1), ctx.Input(2), ctx.Training,
            momentum, ctx.Node.GetFloat("epsilon", 1e-5f));
        return [y, mean.alias(), variance.alias()];
    }
}
