using Lighten.Core;
using SpatialWindow = Lighten.Core.Ops.SpatialWindow;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>ConvTranspose</c> over 1, 2 or 3 spatial dimensions with groups, strides, dilations, output_padding,
/// output_shape and any padding: asymmetric padding is cropped from an unpadded result.
/// </summary>
internal sealed class ConvTranspose : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["ConvTranspose"];

    /// <inheritdoc/>
    public override bool IsWeight(Node node, int input, TensorData value) => input is 1 or 2;

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        var op = node.GetInts("output_padding");
        if (op is null) return;
        var strides = node.GetInts("strides");
        var dilations = node.GetInts("dilations");
        for (int i = 0; i < op.Length; i++)
        {
            long s = strides?.ElementAtOrDefault(i) ?? 1, d = dilations?.ElementAtOrDefault(i) ?? 1;
            if (op[i] < 0 || op[i] >= Math.Max(s, d))
                throw Refuse(node, $"output_padding {op[i]} must be below the stride or dilation ({Math.Max(s, d)}) in spatial dimension {i}");
        }
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var node = ctx.Node;
        var x = ctx.Input(0);
        var w = ctx.Input(1);
        var b = ctx.Optional(2);
        var kernel = w.shape[2..];
        int r = kernel.Length;
        var input = x.shape[2..];
        var strides = node.GetInts("strides") ?? SpatialWindow.Filled(r, 1);
        var dilations = node.GetInts("dilations") ?? SpatialWindow.Filled(r, 1);
        var outputPadding = node.GetInts("output_padding") ?? SpatialWindow.Filled(r, 0);
        var (begin, end) = Pads(ctx, input, kernel, strides, dilations, outputPadding);
        long groups = node.GetInt("group", 1);

        bool native = begin.SequenceEqual(end);
        var padding = native ? begin : SpatialWindow.Filled(r, 0);
        var y = (x.dim() - 2) switch
        {
            1 => F.conv_transpose2d(x.unsqueeze(2), w.unsqueeze(2), b, [1, .. strides], [0, .. padding], [0, .. outputPadding], [1, .. dilations], groups).squeeze(2),
            2 => F.conv_transpose2d(x, w, b, strides, padding, outputPadding, dilations, groups),
            3 => F.conv_transpose3d(x, w, b, strides, padding, outputPadding, dilations, groups),
            _ => throw ctx.Fail($"ConvTranspose over {x.dim() - 2} spatial dimensions is not supported (1 to 3)"),
        };
        if (native) return [y];
        for (int i = 0; i < r; i++)
            y = y.narrow(2 + i, begin[i], y.shape[2 + i] - begin[i] - end[i]);
        return [y];
    }

    /// <summary>Padding before and after each spatial dimension, from pads, output_shape or auto_pad (ONNX Runtime's split of an odd total).</summary>
    private static (long[] Begin, long[] End) Pads(ForwardContext ctx, long[] input, long[] kernel, long[] strides, long[] dilations, long[] outputPadding)
    {
        var node = ctx.Node;
        int r = kernel.Length;
        var autoPad = node.GetString("auto_pad", "NOTSET");
        var outputShape = node.GetInts("output_shape");
        if (outputShape is null && autoPad is "SAME_UPPER" or "SAME_LOWER") outputShape = [.. input.Select((n, i) => n * strides[i])];
        if (outputShape is null)
        {
            if (autoPad == "VALID") return (SpatialWindow.Filled(r, 0), SpatialWindow.Filled(r, 0));
            var pads = node.GetInts("pads") ?? SpatialWindow.Filled(2 * r, 0);
            return (pads[..r], pads[r..]);
        }
        if (outputShape.Length == r + 2) outputShape = outputShape[2..];
        if (outputShape.Length != r) throw ctx.Fail($"output_shape has {outputShape.Length} values for {r} spatial dimensions");
        var begin = new long[r];
        var end = new long[r];
        for (int i = 0; i < r; i++)
        {
            long total = strides[i] * (input[i] - 1) + outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1 - outputShape[i];
            if (total < 0) throw ctx.Fail($"output_shape {outputShape[i]} is larger than the full output in spatial dimension {i}");
            begin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
            end[i] = total - begin[i];
        }
        return (begin, end);
    }
}
