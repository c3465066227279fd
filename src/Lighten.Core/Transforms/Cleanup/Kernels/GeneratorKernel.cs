namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>Ops that make a tensor from attributes or a few scalars: Constant, ConstantOfShape and Range.</summary>
internal sealed class GeneratorKernel : ConstantKernel
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Constant", "ConstantOfShape", "Range"];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx) => ctx.Node.OpType switch
    {
        "Constant" => ConstantNodes.ValueOf(ctx.Node) is { } c ? [c] : null,
        "ConstantOfShape" => ConstantOfShape(ctx),
        _ => Range(ctx),
    };

    private static TensorData[]? ConstantOfShape(KernelContext ctx)
    {
        var dims = TensorOps.ToLongs(ctx.Input(0));
        if (dims.Any(d => d < 0)) throw ctx.Fail($"ConstantOfShape of negative shape [{string.Join(",", dims)}]");
        long count = TensorOps.Product(dims);
        if (count > ctx.MaxElements) return null;
        var value = ctx.Node.GetTensor("value") ?? TensorData.FromFloats([1], [0f]);
        if (value.ElementCount != 1) throw ctx.Fail("ConstantOfShape value must hold one element");
        return [TensorOps.Take(value, dims, new long[count])];
    }

    private static TensorData[]? Range(KernelContext ctx)
    {
        var start = ctx.Input(0);
        if (!TensorOps.IsSupported(start.ElementType) || start.ElementType == ElementType.Bool) return null;
        var (s, limit, delta) = (TensorOps.ToDoubles(start)[0], TensorOps.ToDoubles(ctx.Input(1))[0], TensorOps.ToDoubles(ctx.Input(2))[0]);
        if (delta == 0) throw ctx.Fail("Range delta is 0");
        double n = Math.Max(Math.Ceiling((limit - s) / delta), 0);
        if (n > ctx.MaxElements) return null;
        var values = new double[(long)n];
        for (long i = 0; i < values.Length; i++) values[i] = s + i * delta;
        return [TensorOps.FromDoubles(start.ElementType, [values.Length], values)];
    }
}
