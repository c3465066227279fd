namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Elementwise unary ops: float types computed in double, integer types in long, Not on bools.</summary>
internal sealed class UnaryKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
        ["Sqrt", "Neg", "Abs", "Reciprocal", "Exp", "Log", "Floor", "Ceil", "Not", "Relu", "Sign"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        if (!TensorOps.IsSupported(x.ElementType)) return null;
        var op = ctx.Node.OpType;
        if (x.ElementType.IsFloat())
            return [TensorOps.FromDoubles(x.ElementType, x.Dims, [.. TensorOps.ToDoubles(x).Select(v => Apply(op, v))])];
        if (op is "Neg" or "Abs" or "Not" or "Relu" or "Sign")
            return [TensorOps.FromLongs(x.ElementType, x.Dims, [.. TensorOps.ToLongs(x).Select(v => Apply(op, v))])];
        return null;
    }

    private static double Apply(string op, double v) => op switch
    {
        "Sqrt" => Math.Sqrt(v),
        "Neg" => -v,
        "Abs" => Math.Abs(v),
        "Reciprocal" => 1 / v,
        "Exp" => Math.Exp(v),
        "Log" => Math.Log(v),
        "Floor" => Math.Floor(v),
        "Ceil" => Math.Ceiling(v),
        "Relu" => v > 0 ? v : 0,
        "Sign" => double.IsNaN(v) ? v : Math.Sign(v),
        _ => throw new InvalidOperationException(op),
    };

    private static long Apply(string op, long v) => op switch
    {
        "Neg" => unchecked(-v),
        "Abs" => v < 0 ? unchecked(-v) : v,
        "Not" => v == 0 ? 1 : 0,
        "Relu" => Math.Max(v, 0),
        "Sign" => Math.Sign(v),
        _ => throw new InvalidOperationException(op),
    };
}
