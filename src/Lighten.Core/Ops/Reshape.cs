namespace Lighten.Core.Ops;

/// <summary>
/// <c>Reshape</c>: gives the data the target shape (an attribute before opset 5, an input after), where 0
/// copies the input's dimension (unless <c>allowzero</c>) and one -1 takes what is left. The target often
/// comes from a shape value whose elements may be symbolic (a dynamic batch); symbols are kept, and the
/// element count determines the one dimension that is -1 or unknown, with symbols cancelling.
/// </summary>
internal sealed class Reshape : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Reshape"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        var input = ctx.InputShape(0);
        var target = ctx.ReadInts("shape", 1, 5);
        if (!target.IsPresent) throw ctx.Fail("Reshape needs a target shape");
        if (target.Values is not { } values)
        {
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(target.Length));
            return;
        }
        bool allowZero = ctx.OpsetVersion >= 14 && ctx.Node.GetInt("allowzero", 0) != 0;
        var dims = new Dim[values.Length];
        int inferred = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].Value is not long v)
            {
                dims[i] = values[i];
                continue;
            }
            if (v == -1)
            {
                if (inferred >= 0) throw ctx.Fail($"target shape {Format(values)} has more than one -1");
                inferred = i;
                dims[i] = Dim.Unknown;
            }
            else if (v < -1) throw ctx.Fail($"target shape {Format(values)} has the invalid size {v}");
            else if (v == 0 && !allowZero)
            {
                if (input is not null && i >= input.Rank)
                    throw ctx.Fail($"target shape {Format(values)} copies dimension {i} (a 0) that the rank-{input.Rank} input lacks");
                dims[i] = input?[i] ?? Dim.Unknown;
            }
            else dims[i] = v;
        }
        if (allowZero && inferred >= 0 && values.Any(d => d.Value == 0))
            throw ctx.Fail($"target shape {Format(values)} has both -1 and 0 with allowzero");
        if (inferred < 0 && dims.Count(d => !d.IsKnown && d.Symbol is null) == 1)
            inferred = Array.FindIndex(dims, d => !d.IsKnown && d.Symbol is null);

        if (input is not null)
        {
            var total = DimProduct.Of(input.Dims);
            if (inferred >= 0)
            {
                var rest = DimProduct.Of(dims.Where((_, i) => i != inferred));
                dims[inferred] = total.DivideBy(rest)
                    ?? throw ctx.Fail($"cannot reshape {total.Known} elements ({input}) into {Format(values)}");
            }
            else if (total.IsKnown && DimProduct.Of(dims) is { IsKnown: true } product && product.Known != total.Known)
                throw ctx.Fail($"cannot reshape {total.Known} elements ({input}) into {Format(values)} ({product.Known} elements)");
        }
        ctx.SetOutput(0, type, new TensorShape(dims));
        if (dims.Length <= 1 && ctx.InputShapeValue(0) is { } data) ctx.SetOutputShapeValue(0, data);
    }

    private static string Format(IEnumerable<Dim> dims) => string.Join("x", dims);
}
