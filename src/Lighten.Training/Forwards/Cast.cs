using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Cast</c> to the element type <c>to</c>.</summary>
internal sealed class Cast : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Cast"];

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        try
        {
            TorchTensors.ScalarTypeOf((ElementType)node.GetInt("to", 0));
        }
        catch (GraphModuleException e)
        {
            throw Refuse(node, e.Message);
        }
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx) =>
        [ctx.Input(0).to_type(TorchTensors.ScalarTypeOf((ElementType)ctx.Node.GetInt("to", 0)), copy: true)];
}
