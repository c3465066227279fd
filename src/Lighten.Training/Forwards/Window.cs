using Lighten.Core;

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
        var strides = node.GetInts("strides") ?? Filled(r, 1);
        var dilations = node.GetInts("dilations") ?? Filled(r, 1);
        var pads = node.GetInts("pads") ?? Filled(2 * r, 0);
        if (strides.Length != r || dilations.Length != r || pads.Length != 2 * r || input.Length != r)
            throw ctx.Fail($"strides, dilations and pads do not match the {r} spatial dimensions of the input");
        var begin = pads[..r];
        var end = pads[r..];
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (autoPad == "VALID") begin = end = Filled(r, 0);
        else if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            begin = new long[r];
            end = new long[r];
            for (int i = 0; i < r; i++)
            {
                long output = (input[i] + strides[i] - 1) / strides[i];
                long total = Math.Max(0, (output - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - input[i]);
                begin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                end[i] = total - begin[i];
            }
        }
        else if (autoPad is not ("NOTSET" or "")) throw ctx.Fail($"auto_pad '{autoPad}' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
        return new Window(kernel, strides, dilations, begin, end, autoPad is not ("NOTSET" or ""));
    }

    /// <summary>Whether every dimension is padded the same before and after.</summary>
    public bool Symmetric => Begin.SequenceEqual(End);

    /// <summary>The kernel's extent with dilation in spatial dimension <paramref name="i"/>.</summary>
    public long Extent(int i) => (Kernel[i] - 1) * Dilations[i] + 1;

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
    public long PoolOutputSize(int i, long input, bool ceilMode)
    {
        long span = input + Begin[i] + End[i] - Extent(i);
        long positions = ceilMode ? (span + Strides[i] - 1) / Strides[i] : span / Strides[i];
        if (ceilMode && !AutoPadded && positions * Strides[i] >= input + Begin[i]) positions--;
        return positions + 1;
    }

    /// <summary>An array of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static long[] Filled(int count, long value) => Enumerable.Repeat(value, count).ToArray();
}
