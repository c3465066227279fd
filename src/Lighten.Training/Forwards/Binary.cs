using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>Add</c>, <c>Sub</c>, <c>Mul</c>, <c>Div</c> and <c>Pow</c> with ONNX's (NumPy's) broadcasting; integer
/// Div truncates as ONNX says. A non-scalar float initializer added or multiplied (a bias, a scale) is a weight;
/// scalars and the constants of Sub, Div and Pow (such as normalization constants) are not.
/// </summary>
internal sealed class Binary : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Add", "Sub", "Mul", "Div", "Pow"];

    /// <inheritdoc/>
    public override bool IsWeight(Node node, int input, TensorData value) => node.OpType is "Add" or "Mul" && value.ElementCount > 1;

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        return [ctx.Node.OpType switch
        {
            "Add" => a + b,
            "Sub" => a - b,
            "Mul" => a * b,
            "Div" => a.is_floating_point() ? a / b : a.div(b, RoundingMode.trunc),
            _ => a.pow(b),
        }];
    }
}
