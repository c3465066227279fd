using System.Numerics;

namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>
/// Elementwise ops with numpy broadcasting: arithmetic (float types in double, integer types in long,
/// integer division truncating), comparisons (to bool), logic on bools, and the variadic Max, Min and Sum.
/// </summary>
internal sealed class ElementwiseBinaryKernel : ConstantKernel
{
    private static readonly string[] Comparisons = ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual"];
    private static readonly string[] Logic = ["And", "Or", "Xor"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
        ["Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", .. Comparisons, .. Logic];

    /// <inheritdoc/>
    public override TensorData[]? Compute(KernelContext ctx)
    {
        var op = ctx.Node.OpType;
        var acc = ctx.Input(0);
        int count = op is "Max" or "Min" or "Sum" ? ctx.InputCount : 2;
        for (int i = 1; i < count; i++)
        {
            var next = Apply(ctx, op, acc, ctx.Input(i));
            if (next is null) return null;
            acc = next;
        }
        return [acc];
    }

    private static TensorData? Apply(KernelContext ctx, string op, TensorData a, TensorData b)
    {
        if (!TensorOps.IsSupported(a.ElementType) || !TensorOps.IsSupported(b.ElementType)) return null;
        var dims = TensorOps.BroadcastShape(a.Dims, b.Dims) ?? throw ctx.Fail($"shapes [{string.Join(",", a.Dims)}] and [{string.Join(",", b.Dims)}] do not broadcast");
        if (TensorOps.Product(dims) > ctx.MaxElements) return null;
        var mapA = TensorOps.BroadcastMap(a.Dims, dims);
        var mapB = TensorOps.BroadcastMap(b.Dims, dims);
        bool isFloat = a.ElementType.IsFloat() || b.ElementType.IsFloat();

        if (Comparisons.Contains(op) || Logic.Contains(op))
        {
            var result = isFloat
                ? CompareAll(op, TensorOps.ToDoubles(a), TensorOps.ToDoubles(b), mapA, mapB)
                : CompareAll(op, TensorOps.ToLongs(a), TensorOps.ToLongs(b), mapA, mapB);
            return TensorOps.FromLongs(ElementType.Bool, dims, result);
        }

        if (a.ElementType.IsFloat() || op == "Pow")
        {
            var x = TensorOps.ToDoubles(a);
            var y = TensorOps.ToDoubles(b);
            var result = new double[mapA.Length];
            for (int i = 0; i < result.Length; i++) result[i] = Arithmetic(op, x[mapA[i]], y[mapB[i]]);
            return TensorOps.FromDoubles(a.ElementType, dims, result);
        }
        else
        {
            var x = TensorOps.ToLongs(a);
            var y = TensorOps.ToLongs(b);
            var result = new long[mapA.Length];
            for (int i = 0; i < result.Length; i++)
            {
                long p = x[mapA[i]], q = y[mapB[i]];
                if (op == "Div" && q == 0) return null;
                result[i] = Arithmetic(op, p, q);
            }
            return TensorOps.FromLongs(a.ElementType, dims, result);
        }
    }

    private static double Arithmetic(string op, double x, double y) => op switch
    {
        "Add" or "Sum" => x + y,
        "Sub" => x - y,
        "Mul" => x * y,
        "Div" => x / y,
        "Pow" => Math.Pow(x, y),
        "Max" => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y),
        "Min" => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Min(x, y),
        _ => throw new InvalidOperationException(op),
    };

    private static long Arithmetic(string op, long x, long y) => op switch
    {
        "Add" or "Sum" => unchecked(x + y),
        "Sub" => unchecked(x - y),
        "Mul" => unchecked(x * y),
        "Div" => x / y,
        "Max" => Math.Max(x, y),
        "Min" => Math.Min(x, y),
        _ => throw new InvalidOperationException(op),
    };

    private static long[] CompareAll<T>(string op, T[] x, T[] y, long[] mapA, long[] mapB) where T : INumber<T>
    {
        var result = new long[mapA.Length];
        for (int i = 0; i < result.Length; i++) result[i] = Compare(op, x[mapA[i]], y[mapB[i]]) ? 1 : 0;
        return result;
    }

    private static bool Compare<T>(string op, T x, T y) where T : INumber<T> => op switch
    {
        "Equal" => x == y,
        "Less" => x < y,
        "Greater" => x > y,
        "LessOrEqual" => x <= y,
        "GreaterOrEqual" => x >= y,
        "And" => x != T.Zero && y != T.Zero,
        "Or" => x != T.Zero || y != T.Zero,
        "Xor" => (x != T.Zero) != (y != T.Zero),
        _ => throw new InvalidOperationException(op),
    };
}
