namespace Lighten.Core.Ops;

/// <summary><c>Transpose</c>: permutes the dimensions by <c>perm</c>, by default reversing them.</summary>
internal sealed class Transpose : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Transpose"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        var perm = ctx.Node.GetInts("perm");
        if (ctx.InputShape(0) is not { } shape)
        {
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(perm?.Length));
            return;
        }
        perm ??= [.. Enumerable.Range(0, shape.Rank).Reverse().Select(i => (long)i)];
        if (perm.Length != shape.Rank)
            throw ctx.Fail($"perm [{string.Join(", ", perm)}] has {perm.Length} axes for a rank-{shape.Rank} input");
        var axes = ctx.NormalizeAxes(perm, shape.Rank);
        ctx.SetOutput(0, type, new TensorShape(axes.Select(a => shape[a])));
    }
}
