using System.Collections.Immutable;

namespace Lighten.Core.Ops;

/// <summary>Where(condition, x, y): the three inputs broadcast together; the output has x's type.</summary>
internal sealed class Where : BroadcastFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Where"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        if (ctx.InputCount != 3) throw ctx.Fail($"needs 3 inputs (condition, x, y), got {ctx.InputCount}");
        base.InferShapes(ctx);
    }

    /// <inheritdoc/>
    protected override ElementType OutputType(ShapeContext ctx) =>
        ctx.InputType(1) != ElementType.Undefined ? ctx.InputType(1) : ctx.InputType(2);

    /// <inheritdoc/>
    protected override IEnumerable<Dim>? Propagate(ShapeContext ctx, ImmutableArray<Dim>[] values)
    {
        var (c, x, y) = (values[0], values[1], values[2]);
        int n = Math.Max(c.Length, Math.Max(x.Length, y.Length));
        if (new[] { c, x, y }.Any(v => v.Length != n && v.Length != 1)) return null;
        var result = new Dim[n];
        for (int i = 0; i < n; i++)
        {
            var cond = c[c.Length == 1 ? 0 : i];
            result[i] = cond.Value switch
            {
                null => Dim.Unknown,
                0 => y[y.Length == 1 ? 0 : i],
                _ => x[x.Length == 1 ? 0 : i],
            };
        }
        return result;
    }
}
