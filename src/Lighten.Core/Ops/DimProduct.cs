namespace Lighten.Core.Ops;

/// <summary>
/// The product of several dimensions kept as a known factor times a multiset of symbols, so that
/// <c>batch x 116 x 12 x 12</c> divided by <c>batch x 12 x 12</c> gives 116 even with a symbolic batch.
/// </summary>
internal sealed class DimProduct
{
    private DimProduct(long known, List<string> symbols, bool hasUnknown)
    {
        Known = known;
        Symbols = symbols;
        HasUnknown = hasUnknown;
    }

    /// <summary>The product of the known dimensions.</summary>
    public long Known { get; }

    /// <summary>The symbols, sorted.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Whether a dimension is neither known nor symbolic.</summary>
    public bool HasUnknown { get; }

    /// <summary>Whether the product is a plain number.</summary>
    public bool IsKnown => !HasUnknown && Symbols.Count == 0;

    /// <summary>The product of <paramref name="dims"/>.</summary>
    public static DimProduct Of(IEnumerable<Dim> dims)
    {
        long known = 1;
        var symbols = new List<string>();
        bool unknown = false;
        foreach (var d in dims)
        {
            if (d.Value is long v) known *= v;
            else if (d.Symbol is { } s) symbols.Add(s);
            else unknown = true;
        }
        symbols.Sort(StringComparer.Ordinal);
        return new DimProduct(known, symbols, unknown);
    }

    /// <summary>The product as one dimension: a number, a single symbol, or unknown.</summary>
    public Dim ToDim() => HasUnknown ? Dim.Unknown
        : Symbols.Count == 0 ? Dim.Of(Known)
        : Symbols.Count == 1 && Known == 1 ? Dim.Sym(Symbols[0])
        : Dim.Unknown;

    /// <summary>
    /// This product divided by <paramref name="divisor"/> as one dimension when the symbols cancel and the
    /// quotient is exact; unknown when it cannot be told; null when both are plain numbers that do not divide.
    /// </summary>
    public Dim? DivideBy(DimProduct divisor)
    {
        if (HasUnknown || divisor.HasUnknown || divisor.Known == 0) return Dim.Unknown;
        var rest = Symbols.ToList();
        foreach (var s in divisor.Symbols)
            if (!rest.Remove(s)) return Dim.Unknown;
        if (Known % divisor.Known != 0) return IsKnown && divisor.IsKnown ? null : Dim.Unknown;
        long quotient = Known / divisor.Known;
        return rest.Count == 0 ? Dim.Of(quotient)
            : rest.Count == 1 && quotient == 1 ? Dim.Sym(rest[0])
            : Dim.Unknown;
    }
}
