using System.Collections.Immutable;

namespace Lighten.Core.Ops;

/// <summary>Binary arithmetic (Add, Sub, Mul, Div, Pow, Mod) with numpy broadcasting; the output has the first input's type.</summary>
internal sealed class ElementwiseBinary : BroadcastFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Add", "Sub", "Mul", "Div", "Pow", "Mod"];

    /// <inheritdoc/>
    protected override ElementType OutputType(ShapeContext ctx) => ctx.InputType(0);

    /// <inheritdoc/>
    protected override IEnumerable<Dim>? Propagate(ShapeContext ctx, ImmutableArray<Dim>[] values) =>
        ctx.Node.OpType == "Mod" && ctx.Node.GetInt("fmod", 0) != 0 ? null : base.Propagate(ctx, values);
}
