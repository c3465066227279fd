namespace Lighten.Core.Targets;

/// <summary>The numeric precision a model runs at on a target.</summary>
public enum Precision
{
    /// <summary>32-bit floating point.</summary>
    Fp32,
    /// <summary>16-bit floating point.</summary>
    Fp16,
    /// <summary>8-bit integers (affine quantization).</summary>
    Int8,
}

/// <summary>Facts about precisions.</summary>
public static class Precisions
{
    /// <summary>Every precision, widest first.</summary>
    public static IReadOnlyList<Precision> All { get; } = [Precision.Fp32, Precision.Fp16, Precision.Int8];

    /// <summary>Bytes of one weight or activation element.</summary>
    public static int ElementBytes(this Precision precision) => precision switch
    {
        Precision.Fp32 => 4,
        Precision.Fp16 => 2,
        _ => 1,
    };

    /// <summary>The lower-case name used in YAML, JSON and on the command line: <c>fp32</c>, <c>fp16</c>, <c>int8</c>.</summary>
    public static string Key(this Precision precision) => precision switch
    {
        Precision.Fp32 => "fp32",
        Precision.Fp16 => "fp16",
        _ => "int8",
    };

    /// <summary>
    /// The precision <paramref name="graph"/> is stored in: INT8 when it quantizes (QuantizeLinear, DequantizeLinear or
    /// integer-only ops), else FP16 when it holds half-precision inputs or weights, else FP32.
    /// </summary>
    public static Precision Of(Graph graph)
    {
        if (graph.Nodes.Any(n => n.OpType is "QuantizeLinear" or "DequantizeLinear" or "QLinearConv" or "QLinearMatMul" or "ConvInteger" or "MatMulInteger"))
            return Precision.Int8;
        bool half = graph.Inputs.Any(i => i.ElementType == ElementType.Float16)
            || graph.Initializers.Values.Any(t => t.ElementType == ElementType.Float16);
        return half ? Precision.Fp16 : Precision.Fp32;
    }

    /// <summary>The precision named <paramref name="key"/> (<c>fp32</c>, <c>fp16</c>, <c>int8</c>, any case), or null.</summary>
    public static Precision? Parse(string key) =>
        All.Cast<Precision?>().FirstOrDefault(p => string.Equals(p!.Value.Key(), key, StringComparison.OrdinalIgnoreCase));
}
