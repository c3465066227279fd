namespace Lighten.Core.Ops;

/// <summary>
/// MatMul with numpy semantics: a 1-D first operand is a row vector and a 1-D second operand a column vector
/// (their extra dimension removed from the result), and batch dimensions broadcast.
/// MACs = batch × M × K × N.
/// </summary>
internal sealed class MatMul : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["MatMul"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var a = ctx.InputShape(0);
        var b = ctx.InputShape(1);
        if (a is null || b is null)
        {
            ctx.SetOutput(0, ctx.InputType(0), null);
            return;
        }
        if (a.Rank == 0 || b.Rank == 0) throw ctx.Fail($"MatMul does not take scalars, got {a} and {b}");
        var (a2, b2) = AsMatrices(a, b);
        if (a2[^1].Value is long ka && b2[^2].Value is long kb && ka != kb)
            throw ctx.Fail($"the inner dimensions differ: {a} times {b} ({ka} vs {kb})");
        var batch = Broadcasting.TryPair(new TensorShape(a2[..^2]), new TensorShape(b2[..^2]))
            ?? throw ctx.Fail($"the batch dimensions of {a} and {b} cannot be broadcast together");
        var dims = batch.Dims.ToList();
        if (a.Rank > 1) dims.Add(a2[^2]);
        if (b.Rank > 1) dims.Add(b2[^1]);
        ctx.SetOutput(0, ctx.InputType(0), new TensorShape(dims));
    }

    /// <inheritdoc/>
    public override long? CountMacs(CostContext ctx)
    {
        if (ctx.InputDims(0) is not { } a || ctx.InputDims(1) is not { } b || a.Length == 0 || b.Length == 0) return null;
        var (a2, b2) = AsMatrices(new TensorShape(a), new TensorShape(b));
        var batch = Broadcasting.TryPair(new TensorShape(a2[..^2]), new TensorShape(b2[..^2]));
        if (batch?.ElementCount is not long count) return null;
        return count * a2[^2].Value!.Value * a2[^1].Value!.Value * b2[^1].Value!.Value;
    }

    /// <summary>Both operands as (batched) matrices: a vector A becomes <c>[1, K]</c>, a vector B <c>[K, 1]</c>.</summary>
    private static (Dim[] A, Dim[] B) AsMatrices(TensorShape a, TensorShape b) =>
        (a.Rank == 1 ? [Dim.Of(1), a[0]] : [.. a.Dims], b.Rank == 1 ? [b[0], Dim.Of(1)] : [.. b.Dims]);
}
