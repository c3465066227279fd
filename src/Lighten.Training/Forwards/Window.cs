using Lighten.Core;
using SpatialWindow = Lighten.Core.Ops.SpatialWindow;

namespace Lighten.Training.Forwards;

/// <summary>
/// The sliding window of a Conv or pooling node over the spatial dimensions: kernel, strides, dilations
/// and the padding before and after each dimension, with <c>auto_pad</c> resolved for the actual input.
/// </summary>
internal sealed record Window(long[] Kernel, long[] Strides, long[] Dilations, long[] Begin, long[] End, bool AutoPadded)
{
    /// <summary>Reads the window of <paramref name="ctx"/>'s node for an input whose spatial sizes are <paramref name="input"/>.</summary>
    public static Window Of(ForwardContext ctx, long[] kernel, long[] input)
    {
        var node = ctx.Node;
        int r = kernel.Length;
        var strides = node.GetInts("strides") ?? SpatialWindow.Filled(r, 1);
        var dilations = node.GetInts("dilations") ?? SpatialWindow.Filled(r, 1);
        var pads = node.GetInts("pads") ?? SpatialWindow.Filled(2 * r, 0);
        if (strides.Length != r || dilations.Length != r || pads.Length != 2 * r || input.Length != r)
            throw ctx.Fail($"strides, dilations and pads do not match the {r} spatial dimensions of the input");
        var begin = pads[..r];
        var end = pads[r..];
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (!SpatialWindow.IsAutoPad(autoPad)) throw ctx.Fail($"auto_pad '{autoPad}' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
        if (autoPad == "VALID") begin = end = SpatialWindow.Filled(r, 0);
        else if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            begin = new long[r];
            end = new long[r];
            for (int i = 0; i < r; i++)
                (begin[i], end[i]) = SpatialWindow.SamePads(input[i], strides[i], SpatialWindow.Extent(kernel[i], dilations[i]), upper: autoPad == "SAME_UPPER");
        }
        return new Window(kernel, strides, dilations, begin, end, autoPad is not ("NOTSET" or ""));
    }

    /// <summary>Whether every dimension is padded the same before and after.</summary>
    public bool Symmetric => Begin.SequenceEqual(End);

    /// <summary>The kernel's extent with dilation in spatial dimension <paramref name="i"/>.</summary>
    public long Extent(int i) => SpatialWindow.Extent(Kernel[i], Dilations[i]);

    /// <summary>Whether libtorch's pooling accepts the padding directly (symmetric, at most half the kernel).</summary>
    public bool PoolPadsNative => Symmetric && Begin.Select((p, i) => p * 2 <= Kernel[i]).All(ok => ok);

    /// <summary>The padding as <c>torch.nn.functional.pad</c> takes it: last dimension first, before then after.</summary>
    public long[] TorchPads()
    {
        int r = Kernel.Length;
        var pads = new long[2 * r];
        for (int i = 0; i < r; i++)
        {
            pads[2 * (r - 1 - i)] = Begin[i];
            pads[2 * (r - 1 - i) + 1] = End[i];
        }
        return pads;
    }

    /// <summary>
    /// The ONNX pooling output size of spatial dimension <paramref name="i"/>; with ceil mode a last window
    /// that would start in the end padding is dropped, as ONNX Runtime and PyTorch do.
    /// </summary>
    public long PoolOutputSize(int i, long input, bool ceilMode) =>
        SpatialWindow.Positions(input, Begin[i], End[i], Extent(i), Strides[i], ceilMode, explicitPads: !AutoPadded);
}
