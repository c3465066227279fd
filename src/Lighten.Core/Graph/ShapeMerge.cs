namespace Lighten.Core;

/// <summary>Combines what a model file declares about a value with what shape inference found.</summary>
internal static class ShapeMerge
{
    /// <summary>
    /// The more known of <paramref name="declared"/> and <paramref name="inferred"/>, dimension by dimension
    /// (inferred wins a tie); throws when both know a dimension and disagree, or disagree on the rank.
    /// </summary>
    public static ValueInfo? Merge(ValueInfo? declared, ValueInfo? inferred, Node node)
    {
        if (inferred is null) return declared;
        if (declared is null) return inferred;
        var type = inferred.ElementType != ElementType.Undefined ? inferred.ElementType : declared.ElementType;
        return inferred with { ElementType = type, Shape = MergeShapes(declared, inferred, node) };
    }

    private static TensorShape? MergeShapes(ValueInfo declared, ValueInfo inferred, Node node)
    {
        if (inferred.Shape is not { } s) return declared.Shape;
        if (declared.Shape is not { } d) return s;
        if (d.Rank != s.Rank) throw Contradiction(declared, inferred, node);
        var dims = new Dim[s.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            if (s[i].IsKnown && d[i].IsKnown && s[i].Value != d[i].Value) throw Contradiction(declared, inferred, node);
            dims[i] = s[i].IsKnown ? s[i] : d[i].IsKnown ? d[i] : s[i].Symbol is not null ? s[i] : d[i];
        }
        return new TensorShape(dims);
    }

    private static ShapeInferenceException Contradiction(ValueInfo declared, ValueInfo inferred, Node node) =>
        new($"value '{inferred.Name}' is declared {declared.Shape} in the model but inferred as {inferred.Shape}", node.Name, node.OpType);
}
