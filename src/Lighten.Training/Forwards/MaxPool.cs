using Lighten.Core;
using SpatialWindow = Lighten.Core.Ops.SpatialWindow;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>MaxPool</c> over 1, 2 or 3 spatial dimensions with strides, dilations, ceil mode and any padding
/// (padding libtorch does not take is applied first with −∞, and the output cut to ONNX's size).
/// </summary>
internal sealed class MaxPool : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["MaxPool"];

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        if (node.Outputs.Length > 1 && node.Outputs[1].Length > 0) throw Refuse(node, "the Indices output is not supported");
        if (node.GetInts("kernel_shape") is null) throw Refuse(node, "kernel_shape is missing");
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var input = x.shape[2..];
        var window = Window.Of(ctx, ctx.Node.GetInts("kernel_shape")!, input);
        bool ceil = ctx.Node.GetInt("ceil_mode", 0) != 0;
        var padding = window.Begin;
        if (!window.PoolPadsNative)
        {
            x = F.pad(x, window.TorchPads(), value: double.NegativeInfinity);
            padding = SpatialWindow.Filled(padding.Length, 0);
        }
        var y = (input.Length) switch
        {
            1 => F.max_pool2d(x.unsqueeze(2), [1, .. window.Kernel], [1, .. window.Strides], [0, .. padding], [1, .. window.Dilations], ceil).squeeze(2),
            2 => F.max_pool2d(x, window.Kernel, window.Strides, padding, window.Dilations, ceil),
            3 => F.max_pool3d(x, window.Kernel, window.Strides, padding, window.Dilations, ceil),
            _ => throw ctx.Fail($"MaxPool over {input.Length} spatial dimensions is not supported (1 to 3)"),
        };
        return [Pooling.CutToOnnxSize(y, window, input, ceil)];
    }
}
