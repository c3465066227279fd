using Lighten.Core;
using SpatialWindow = Lighten.Core.Ops.SpatialWindow;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>AveragePool</c> over 1, 2 or 3 spatial dimensions with strides, ceil mode, <c>count_include_pad</c> and
/// any padding. Padding libtorch does not take is applied first with zeros; without count_include_pad the
/// sums are then divided by the pooled count of real elements.
/// </summary>
internal sealed class AveragePool : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["AveragePool"];

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        if (node.GetInts("kernel_shape") is null) throw Refuse(node, "kernel_shape is missing");
        if (node.GetInts("dilations") is { } d && d.Any(v => v != 1)) throw Refuse(node, "dilated average pooling is not supported");
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        var input = x.shape[2..];
        var window = Window.Of(ctx, ctx.Node.GetInts("kernel_shape")!, input);
        bool ceil = ctx.Node.GetInt("ceil_mode", 0) != 0;
        bool includePad = ctx.Node.GetInt("count_include_pad", 0) != 0;
        Tensor y;
        if (window.PoolPadsNative) y = Pool(ctx, x, window, window.Begin, ceil, includePad);
        else
        {
            var zeros = SpatialWindow.Filled(input.Length, 0);
            y = Pool(ctx, F.pad(x, window.TorchPads()), window, zeros, ceil, countIncludePad: true);
            if (!includePad)
            {
                using var ones = TorchSharp.torch.ones([1, 1, .. input], x.dtype, x.device);
                using var counts = Pool(ctx, F.pad(ones, window.TorchPads()), window, zeros, ceil, countIncludePad: true);
                y = y / counts;
            }
        }
        return [Pooling.CutToOnnxSize(y, window, input, ceil)];
    }

    private static Tensor Pool(ForwardContext ctx, Tensor x, Window w, long[] padding, bool ceil, bool countIncludePad) => (x.dim() - 2) switch
    {
        1 => F.avg_pool2d(x.unsqueeze(2), [1, .. w.Kernel], [1, .. w.Strides], [0, .. padding], ceil, countIncludePad).squeeze(2),
        2 => F.avg_pool2d(x, w.Kernel, w.Strides, padding, ceil, countIncludePad),
        3 => F.avg_pool3d(x, w.Kernel, w.Strides, padding, ceil, countIncludePad),
        _ => throw ctx.Fail($"AveragePool over {x.dim() - 2} spatial dimensions is not supported (1 to 3)"),
    };
}
