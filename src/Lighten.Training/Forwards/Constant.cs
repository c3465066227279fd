using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Constant</c> (any of its value attributes) and <c>ConstantOfShape</c> (a shape filled with one value, float 0 by default).</summary>
internal sealed class Constant : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Constant", "ConstantOfShape"];

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        if (node.OpType == "Constant" && ConstantNodes.ValueOf(node) is null)
            throw Refuse(node, "the Constant holds a sparse or string value");
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        if (ctx.Node.OpType == "Constant") return [TorchTensors.ToTensor(ConstantNodes.ValueOf(ctx.Node)!)];
        var shape = ctx.Longs(0) ?? throw ctx.Fail("the shape input is missing");
        var value = ctx.Node.GetTensor("value") ?? TensorData.FromFloats([1], [0f]);
        using var fill = TorchTensors.ToTensor(value);
        return [fill.reshape(1).expand(shape).contiguous()];
    }
}
