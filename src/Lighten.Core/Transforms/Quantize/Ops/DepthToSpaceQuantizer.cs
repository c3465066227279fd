namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>
/// DepthToSpace: a pure rearrangement that ONNX Runtime runs on 8-bit data (int8 and uint8 kernels), though it has no QDQ
/// rule for it. So it shares its input's scale like the other pass-through ops, and is placed between the Q of its input
/// and the DQ of its output, reading and writing the quantized bytes directly.
/// </summary>
internal sealed class DepthToSpaceQuantizer : OpQuantizer
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["DepthToSpace"];

    /// <inheritdoc/>
    public override QuantKind Kind => QuantKind.PassThrough;

    /// <inheritdoc/>
    public override long MinOpset => 11;

    /// <inheritdoc/>
    public override bool RunsOnIntegers => true;
}
