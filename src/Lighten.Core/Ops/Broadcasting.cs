namespace Lighten.Core.Ops;

/// <summary>Numpy-style (multidirectional) broadcasting of shapes whose dimensions may be symbolic or unknown.</summary>
public static class Broadcasting
{
    /// <summary>
    /// The broadcast shape of <paramref name="shapes"/>, or null when a rank is unknown. Throws through
    /// <see cref="ShapeContext.Fail"/>, naming both shapes, when two known dimensions are neither equal nor 1.
    /// </summary>
    public static TensorShape? Shapes(ShapeContext ctx, params TensorShape?[] shapes)
    {
        if (shapes.Length == 0) return null;
        var result = shapes[0];
        for (int i = 1; i < shapes.Length; i++)
        {
            if (result is null || shapes[i] is null) return null;
            result = TryPair(result, shapes[i]!)
                ?? throw ctx.Fail($"shapes {result} and {shapes[i]} cannot be broadcast together");
        }
        return result;
    }

    /// <summary>The broadcast shape of two shapes, or null when they are incompatible.</summary>
    public static TensorShape? TryPair(TensorShape a, TensorShape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new Dim[rank];
        for (int i = 0; i < rank; i++)
        {
            int ia = i - (rank - a.Rank), ib = i - (rank - b.Rank);
            if (ia < 0) dims[i] = b[ib];
            else if (ib < 0) dims[i] = a[ia];
            else if (Combine(a[ia], b[ib]) is { } d) dims[i] = d;
            else return null;
        }
        return new TensorShape(dims);
    }

    /// <summary>
    /// Whether <paramref name="from"/> broadcasts to <paramref name="to"/> without changing it (ONNX's
    /// unidirectional broadcasting, as for Gemm's C or PRelu's slope). Unknown dimensions are given the benefit of the doubt.
    /// </summary>
    public static bool IsUnidirectional(TensorShape from, TensorShape to)
    {
        if (from.Rank > to.Rank) return false;
        for (int i = 0; i < from.Rank; i++)
        {
            var f = from[from.Rank - 1 - i];
            var t = to[to.Rank - 1 - i];
            if (f.Value is long fv && fv != 1 && t.Value is long tv && fv != tv) return false;
        }
        return true;
    }

    /// <summary>One broadcast dimension, or null when both are known, different and neither is 1.</summary>
    private static Dim? Combine(Dim a, Dim b)
    {
        if (a.Value == 1) return b;
        if (b.Value == 1) return a;
        if (a.IsKnown && b.IsKnown) return a.Value == b.Value ? a : null;
        if (a.IsKnown) return a;
        if (b.IsKnown) return b;
        return a.Symbol is not null && a.Symbol == b.Symbol ? a : Dim.Unknown;
    }
}
