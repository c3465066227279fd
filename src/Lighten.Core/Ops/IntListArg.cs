using System.Collections.Immutable;

namespace Lighten.Core.Ops;

/// <summary>
/// An integer-list operand of a node (axes, pads, starts, a target shape...), taken from an attribute or
/// from an input: whether it is given at all, its elements when known at least in part, and its length.
/// </summary>
internal sealed record IntListArg(bool IsPresent, ImmutableArray<Dim>? Values, int? Length)
{
    /// <summary>The operand is not given.</summary>
    public static IntListArg Absent { get; } = new(false, null, null);

    /// <summary>An operand whose elements are all known.</summary>
    public static IntListArg Of(IReadOnlyCollection<long> values) => new(true, [.. values.Select(Dim.Of)], values.Count);

    /// <summary>The elements when every one of them is known; null otherwise.</summary>
    public long[]? Known => Values is { } v && v.All(d => d.IsKnown) ? [.. v.Select(d => d.Value!.Value)] : null;
}
