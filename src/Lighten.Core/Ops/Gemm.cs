namespace Lighten.Core.Ops;

/// <summary>
/// Gemm: <c>Y = alpha × A' × B' + beta × C</c> with A' = A or Aᵀ (transA) of shape <c>[M, K]</c> and
/// B' = B or Bᵀ (transB) of shape <c>[K, N]</c>; C broadcasts to <c>[M, N]</c>. MACs = M × K × N.
/// </summary>
internal sealed class Gemm : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Gemm"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var a = ctx.InputShape(0);
        var b = ctx.InputShape(1);
        if (a is { Rank: not 2 } || b is { Rank: not 2 }) throw ctx.Fail($"A and B must be matrices, got {a} and {b}");
        var (m, k) = Operand(a, ctx.Node.GetInt("transA", 0) != 0);
        var (kb, n) = Operand(b, ctx.Node.GetInt("transB", 0) != 0);
        if (k.Value is long ka && kb.Value is long kbv && ka != kbv)
            throw ctx.Fail($"A' is {m}x{k} and B' is {kb}x{n}: the inner dimensions {ka} and {kbv} differ");
        var y = new TensorShape([m, n]);
        if (ctx.InputShape(2) is { } c && !Broadcasting.IsUnidirectional(c, y))
            throw ctx.Fail($"C of shape {c} does not broadcast to the output {y}");
        ctx.SetOutput(0, ctx.InputType(0), y);
    }

    /// <inheritdoc/>
    public override long? CountMacs(CostContext ctx)
    {
        if (ctx.InputDims(0) is not { } a || ctx.InputDims(1) is not { } b) return null;
        long m = ctx.Node.GetInt("transA", 0) != 0 ? a[1] : a[0];
        long k = ctx.Node.GetInt("transA", 0) != 0 ? a[0] : a[1];
        long n = ctx.Node.GetInt("transB", 0) != 0 ? b[0] : b[1];
        return m * k * n;
    }

    /// <summary>(rows, columns) of an operand after its optional transpose.</summary>
    private static (Dim Rows, Dim Cols) Operand(TensorShape? s, bool transposed) =>
        s is null ? (Dim.Unknown, Dim.Unknown) : transposed ? (s[1], s[0]) : (s[0], s[1]);
}
