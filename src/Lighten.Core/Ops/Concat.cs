namespace Lighten.Core.Ops;

/// <summary>
/// <c>Concat</c>: joins inputs of one rank along <c>axis</c>; the other dimensions must agree. When every
/// input carries a shape value (Unsqueeze → Concat building a target shape), so does the output.
/// </summary>
internal sealed class Concat : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Concat"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var present = Enumerable.Range(0, ctx.InputCount).Where(ctx.HasInput).ToArray();
        var type = present.Select(ctx.InputType).FirstOrDefault(t => t != ElementType.Undefined);
        var shapes = present.Select(ctx.InputShape).ToArray();
        var first = shapes.FirstOrDefault(s => s is not null);
        if (first is null)
        {
            ctx.SetOutput(0, type, null);
            return;
        }
        if (!ctx.Node.Attributes.ContainsKey("axis")) throw ctx.Fail("Concat needs an axis attribute");
        int rank = first.Rank;
        if (rank == 0) throw ctx.Fail("Concat cannot join scalars");
        if (shapes.FirstOrDefault(s => s is not null && s.Rank != rank) is { } other)
            throw ctx.Fail($"Concat inputs differ in rank: {first} and {other}");
        int axis = ctx.NormalizeAxis(ctx.Node.GetInt("axis", 0), rank);

        var dims = new Dim[rank];
        for (int d = 0; d < rank; d++)
        {
            if (d == axis)
            {
                dims[d] = shapes.Any(s => s is null) ? Dim.Unknown : DimSum(shapes.Select(s => s![d]));
                continue;
            }
            var merged = Dim.Unknown;
            foreach (var s in shapes)
            {
                if (s is null) continue;
                var dim = s[d];
                if (merged.Value is long a && dim.Value is long b && a != b)
                    throw ctx.Fail($"Concat inputs disagree on dimension {d}: {a} and {b}");
                if (!merged.IsKnown && (dim.IsKnown || merged.Symbol is null)) merged = dim;
            }
            dims[d] = merged;
        }
        ctx.SetOutput(0, type, new TensorShape(dims));

        var values = present.Select(ctx.InputShapeValue).ToArray();
        if (rank == 1 && values.All(v => v is not null))
            ctx.SetOutputShapeValue(0, values.SelectMany(v => v!.Value));
    }

    private static Dim DimSum(IEnumerable<Dim> dims)
    {
        long sum = 0;
        foreach (var d in dims)
        {
            if (d.Value is not long v) return Dim.Unknown;
            sum += v;
        }
        return sum;
    }
}
