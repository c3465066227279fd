namespace Lighten.Core.Ops;

/// <summary>
/// The sliding-window attributes shared by Conv, ConvTranspose and pooling over the spatial dimensions
/// (all dimensions after batch and channel), checked for consistent lengths and values.
/// </summary>
/// <param name="AutoPad">NOTSET, SAME_UPPER, SAME_LOWER or VALID.</param>
/// <param name="Kernel">Kernel size per spatial dimension.</param>
/// <param name="Strides">Stride per spatial dimension.</param>
/// <param name="Dilations">Dilation per spatial dimension.</param>
/// <param name="Pads">Padding: all begins, then all ends (ONNX order).</param>
public sealed record SpatialWindow(string AutoPad, long[] Kernel, long[] Strides, long[] Dilations, long[] Pads)
{
    private static readonly string[] AutoPads = ["NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"];

    /// <summary>
    /// Reads the window attributes of <paramref name="ctx"/>'s node for <paramref name="spatialRank"/> dimensions;
    /// the kernel comes from <paramref name="weightKernel"/> when known (Conv), else from <c>kernel_shape</c>.
    /// </summary>
    public static SpatialWindow Read(ShapeContext ctx, int spatialRank, long[]? weightKernel = null)
    {
        var node = ctx.Node;
        var attrKernel = node.GetInts("kernel_shape");
        if (weightKernel is not null && attrKernel is not null && !weightKernel.SequenceEqual(attrKernel))
            throw ctx.Fail($"kernel_shape {Format(attrKernel)} differs from the weight's kernel {Format(weightKernel)}");
        var kernel = weightKernel ?? attrKernel ?? throw ctx.Fail("kernel_shape is missing and the weight's shape is not known");
        var window = new SpatialWindow(
            node.GetString("auto_pad", "NOTSET") is { Length: > 0 } p ? p : "NOTSET",
            kernel,
            node.GetInts("strides") ?? Filled(spatialRank, 1),
            node.GetInts("dilations") ?? Filled(spatialRank, 1),
            node.GetInts("pads") ?? Filled(2 * spatialRank, 0));
        window.Check(ctx, spatialRank);
        return window;
    }

    /// <summary>Whether the padding is computed from the input size (SAME_UPPER or SAME_LOWER).</summary>
    public bool IsSame => AutoPad is "SAME_UPPER" or "SAME_LOWER";

    /// <summary>The kernel's extent with dilation, <c>(k - 1) * d + 1</c>, for spatial dimension <paramref name="i"/>.</summary>
    public long EffectiveKernel(int i) => Extent(Kernel[i], Dilations[i]);

    /// <summary>Total padding of spatial dimension <paramref name="i"/> (0 for VALID).</summary>
    public long TotalPad(int i) => AutoPad == "VALID" ? 0 : Pads[i] + Pads[i + Kernel.Length];

    /// <summary>
    /// The output size of a Conv or pooling window over spatial dimension <paramref name="i"/> of size
    /// <paramref name="input"/> (ONNX's formulas; with <paramref name="ceilMode"/>, a last window that would
    /// start in the end padding is dropped, as ONNX Runtime and PyTorch do). Unknown when the input is not known.
    /// </summary>
    public Dim OutputSize(ShapeContext ctx, int i, Dim input, bool ceilMode = false)
    {
        if (input.Value is not long n) return Dim.Unknown;
        if (IsSame) return SameOutput(n, Strides[i]);
        if (n + TotalPad(i) < EffectiveKernel(i))
            throw ctx.Fail($"the window (kernel {Kernel[i]}, dilation {Dilations[i]}) is larger than the padded input ({n + TotalPad(i)}) in spatial dimension {i}");
        return AutoPad == "VALID"
            ? Positions(n, 0, 0, EffectiveKernel(i), Strides[i], ceilMode, explicitPads: false)
            : Positions(n, Pads[i], Pads[i + Kernel.Length], EffectiveKernel(i), Strides[i], ceilMode, explicitPads: true);
    }

    /// <summary>Whether <paramref name="autoPad"/> is one of ONNX's <c>auto_pad</c> values (empty counts as NOTSET).</summary>
    public static bool IsAutoPad(string autoPad) => autoPad.Length == 0 || AutoPads.Contains(autoPad);

    /// <summary>A kernel's extent with dilation, <c>(k - 1) * d + 1</c>.</summary>
    public static long Extent(long kernel, long dilation) => (kernel - 1) * dilation + 1;

    /// <summary>The output size of a SAME_UPPER or SAME_LOWER window: the input size divided by the stride, rounded up.</summary>
    public static long SameOutput(long input, long stride) => (input + stride - 1) / stride;

    /// <summary>
    /// The padding before and after one dimension that SAME_UPPER (<paramref name="upper"/>) or SAME_LOWER gives a window
    /// of extent <paramref name="extent"/>: the odd one goes after for SAME_UPPER, before for SAME_LOWER.
    /// </summary>
    public static (long Begin, long End) SamePads(long input, long stride, long extent, bool upper)
    {
        long total = Math.Max(0, (SameOutput(input, stride) - 1) * stride + extent - input);
        long begin = upper ? total / 2 : total - total / 2;
        return (begin, total - begin);
    }

    /// <summary>
    /// The number of window positions over one dimension of size <paramref name="input"/> padded by
    /// <paramref name="padBegin"/> and <paramref name="padEnd"/>. With <paramref name="ceilMode"/> a partial last window
    /// counts, except (for <paramref name="explicitPads"/>, that is <c>auto_pad</c> NOTSET) one that would start in the
    /// end padding: ONNX Runtime and PyTorch drop it.
    /// </summary>
    public static long Positions(long input, long padBegin, long padEnd, long extent, long stride, bool ceilMode, bool explicitPads)
    {
        long span = input + padBegin + padEnd - extent;
        long positions = ceilMode ? (span + stride - 1) / stride : span / stride;
        if (ceilMode && explicitPads && positions * stride >= input + padBegin) positions--;
        return positions + 1;
    }

    private void Check(ShapeContext ctx, int n)
    {
        if (!AutoPads.Contains(AutoPad)) throw ctx.Fail($"auto_pad '{AutoPad}' is not one of {string.Join(", ", AutoPads)}");
        if (Kernel.Length != n) throw ctx.Fail($"kernel_shape {Format(Kernel)} has {Kernel.Length} dimensions, the input has {n} spatial dimensions");
        if (Strides.Length != n) throw ctx.Fail($"strides {Format(Strides)} has {Strides.Length} values for {n} spatial dimensions");
        if (Dilations.Length != n) throw ctx.Fail($"dilations {Format(Dilations)} has {Dilations.Length} values for {n} spatial dimensions");
        if (Pads.Length != 2 * n) throw ctx.Fail($"pads {Format(Pads)} has {Pads.Length} values, expected {2 * n} (begins then ends)");
        if (Kernel.Any(k => k <= 0) || Strides.Any(v => v <= 0) || Dilations.Any(v => v <= 0) || Pads.Any(p => p < 0))
            throw ctx.Fail($"kernel {Format(Kernel)}, strides {Format(Strides)}, dilations {Format(Dilations)} must be positive and pads {Format(Pads)} non-negative");
    }

    /// <summary>Formats a list of sizes as <c>[1,2,3]</c>.</summary>
    public static string Format(IEnumerable<long> values) => $"[{string.Join(",", values)}]";

    /// <summary>An array of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static long[] Filled(int count, long value) => Enumerable.Repeat(value, count).ToArray();
}
