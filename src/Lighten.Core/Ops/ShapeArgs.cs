namespace Lighten.Core.Ops;

/// <summary>Reading of axis and integer-list operands shared by the shape rules.</summary>
internal static class ShapeArgs
{
    /// <summary>Longest vector whose elements a rule computes as a shape value (longer ones stay plain tensors).</summary>
    public const int MaxShapeValueLength = 1024;

    /// <summary>An axis in <c>[-rank, rank)</c> made non-negative; fails naming <paramref name="what"/> when out of range.</summary>
    public static int NormalizeAxis(this ShapeContext ctx, long axis, int rank, string what = "axis")
    {
        if (axis < -rank || axis >= rank)
            throw ctx.Fail($"{what} {axis} is out of range for rank {rank}");
        return (int)(axis < 0 ? axis + rank : axis);
    }

    /// <summary>Several axes made non-negative; fails when one is out of range or repeated.</summary>
    public static int[] NormalizeAxes(this ShapeContext ctx, IReadOnlyCollection<long> axes, int rank)
    {
        var result = axes.Select(a => ctx.NormalizeAxis(a, rank)).ToArray();
        if (result.Distinct().Count() != result.Length)
            throw ctx.Fail($"axes [{string.Join(", ", axes)}] repeat an axis");
        return result;
    }

    /// <summary>A shape of <paramref name="rank"/> unknown dimensions, or an unknown rank (null) when <paramref name="rank"/> is null.</summary>
    public static TensorShape? UnknownShape(int? rank) => rank is int r ? new TensorShape(Enumerable.Repeat(Dim.Unknown, r)) : null;

    /// <summary>Input 0's shape; when its rank is unknown, output 0 gets input 0's type and an unknown rank, and the result is null.</summary>
    public static TensorShape? RankedInput(this ShapeContext ctx)
    {
        if (ctx.InputShape(0) is { } shape) return shape;
        ctx.SetOutput(0, ctx.InputType(0), null);
        return null;
    }

    /// <summary>
    /// An integer list that is the attribute <paramref name="attribute"/> before opset
    /// <paramref name="inputSinceOpset"/> and input <paramref name="input"/> from that version on.
    /// </summary>
    public static IntListArg ReadInts(this ShapeContext ctx, string attribute, int input, long inputSinceOpset) =>
        ctx.OpsetVersion < inputSinceOpset ? ctx.ReadIntsAttribute(attribute) : ctx.ReadInputInts(input);

    /// <summary>An integer-list attribute.</summary>
    public static IntListArg ReadIntsAttribute(this ShapeContext ctx, string attribute) =>
        ctx.Node.GetInts(attribute) is { } values ? IntListArg.Of(values) : IntListArg.Absent;

    /// <summary>A rank-0 or rank-1 integer input: its elements when known, else at least its length when its shape is known.</summary>
    public static IntListArg ReadInputInts(this ShapeContext ctx, int input)
    {
        if (!ctx.HasInput(input)) return IntListArg.Absent;
        if (ctx.InputShapeValue(input) is { } values) return new(true, values, values.Length);
        int? length = ctx.InputShape(input) switch
        {
            { Rank: 0 } => 1,
            { Rank: 1 } s when s[0].Value is long n => (int)n,
            _ => null,
        };
        return new(true, null, length);
    }

    /// <summary>Whether <paramref name="type"/> is a signed or unsigned integer type.</summary>
    public static bool IsIntegerType(ElementType type) =>
        type is ElementType.Int64 or ElementType.Int32 or ElementType.Int16 or ElementType.Int8
            or ElementType.UInt64 or ElementType.UInt32 or ElementType.UInt16 or ElementType.UInt8;
}
