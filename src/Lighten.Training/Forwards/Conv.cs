using Lighten.Core;
using SpatialWindow = Lighten.Core.Ops.SpatialWindow;
using Lighten.Training.Native;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary><c>Conv</c> over 1, 2 or 3 spatial dimensions with groups, strides, dilations and any padding (asymmetric padding is applied first).</summary>
internal sealed class Conv : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Conv"];

    /// <inheritdoc/>
    public override bool IsWeight(Node node, int input, TensorData value) => input is 1 or 2;

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var w = ctx.Input(1);
        var b = ctx.Optional(2);
        var window = Window.Of(ctx, w.shape[2..], x.shape[2..]);
        long groups = ctx.Node.GetInt("group", 1);
        var padding = window.Begin;
        if (!window.Symmetric)
        {
            x = F.pad(x, window.TorchPads());
            padding = SpatialWindow.Filled(padding.Length, 0);
        }
        return [(x.dim() - 2) switch
        {
            1 => SafeConvolution.Conv2d(x.unsqueeze(2), w.unsqueeze(2), b, [1, .. window.Strides], [0, .. padding], [1, .. window.Dilations], groups).squeeze(2),
            2 => SafeConvolution.Conv2d(x, w, b, window.Strides, padding, window.Dilations, groups),
            3 => F.conv3d(x, w, b, window.Strides, padding, window.Dilations, groups),
            _ => throw ctx.Fail($"Conv over {x.dim() - 2} spatial dimensions is not supported (1 to 3)"),
        }];
    }
}
