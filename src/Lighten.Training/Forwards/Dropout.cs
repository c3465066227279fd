using Lighten.Core;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary><c>Dropout</c>: active while the module trains, with the ratio of the attribute (before opset 12) or input (default 0.5).</summary>
internal sealed class Dropout : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Dropout"];

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        if (node.Outputs.Length > 1 && node.Outputs[1].Length > 0) throw Refuse(node, "the mask output is not supported");
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        double ratio = ctx.Opset < 12 ? ctx.Node.GetFloat("ratio", 0.5f) : ctx.Scalar(1) ?? 0.5;
        return [ctx.Training && ratio > 0 ? F.dropout(x, ratio, training: true) : x.alias()];
    }
}
