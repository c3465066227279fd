namespace Lighten.Core.Transforms.Quantize;

/// <summary>How <see cref="QuantizationPlan"/> and <see cref="QuantizeQdq"/> quantize a graph.</summary>
public sealed record QuantizeOptions
{
    /// <summary>The activation type: <see cref="ElementType.UInt8"/> (default; the u8s8 kernels every x86 CPU runs) or <see cref="ElementType.Int8"/>.</summary>
    public ElementType ActivationType { get; init; } = ElementType.UInt8;

    /// <summary>One weight scale per output channel (default) rather than one per tensor.</summary>
    public bool PerChannel { get; init; } = true;

    /// <summary>
    /// The target's verdict on one node: null when it should run in INT8 (the target supports the op in INT8 and it is
    /// faster there), otherwise the reason it stays FP32. Null accepts every node that has an integer form.
    /// </summary>
    public Func<Node, string?>? TargetVeto { get; init; }

    /// <summary>Nodes kept in FP32 by name (for example the layers most sensitive to quantization).</summary>
    public IReadOnlySet<string> KeepFp32 { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Quantize tensors that are graph outputs too (the output is then dequantized 8-bit data). Off by default: a layer
    /// writing a graph output keeps a float output (Gemm, MatMul) or stays FP32 (the others).
    /// </summary>
    public bool QuantizeGraphOutputs { get; init; }

    /// <summary>Throws <see cref="OptionException"/> for an activation type other than uint8 or int8.</summary>
    public void Validate()
    {
        if (ActivationType is not (ElementType.UInt8 or ElementType.Int8))
            throw new OptionException($"activations are quantized to uint8 or int8, not {ActivationType}");
    }
}
