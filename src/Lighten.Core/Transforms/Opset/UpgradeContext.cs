using Lighten.Core.Transforms.Cleanup;

namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// What an <see cref="OpsetAdapter"/> works with: the graph being edited, the opsets converted from and to, and
/// the types and shapes inferred on the original graph (when inference succeeded).
/// </summary>
public sealed class UpgradeContext(Graph typed, GraphBuilder builder, long from, long to)
{
    /// <summary>The graph being edited.</summary>
    public GraphBuilder Builder { get; } = builder;

    /// <summary>The graph's default-domain opset before the upgrade.</summary>
    public long From { get; } = from;

    /// <summary>The target opset.</summary>
    public long To { get; } = to;

    /// <summary>Whether the upgrade passes opset <paramref name="version"/>, where an op's schema changed.</summary>
    public bool Crosses(long version) => From < version && To >= version;

    /// <summary>The element type of <paramref name="value"/>, or <paramref name="fallback"/> when unknown.</summary>
    public ElementType TypeOf(string value, ElementType fallback = ElementType.Float) =>
        typed.FindValue(value)?.ElementType is { } t && t != ElementType.Undefined ? t : fallback;

    /// <summary>The rank of <paramref name="value"/>, or null when unknown.</summary>
    public int? RankOf(string value) => typed.FindValue(value)?.Shape?.Rank;

    /// <summary>The value of an initializer or a Constant node of the original graph; null for anything computed.</summary>
    public TensorData? ConstantOf(string value) => typed.Initializers.GetValueOrDefault(value)
        ?? (typed.Producer(value) is { } p ? ConstantNodes.ValueOf(p) : null);

    /// <summary>Whether a node reads <paramref name="value"/> or it is a graph output.</summary>
    public bool IsUsed(string value) => value.Length > 0 && Builder.IsUsed(value);

    /// <summary>Adds an initializer under a fresh name derived from <paramref name="prefix"/>; returns the name.</summary>
    public string AddInitializer(string prefix, TensorData value)
    {
        var name = Builder.UniqueName(prefix);
        Builder.SetInitializer(name, value);
        return name;
    }

    /// <summary>An int64 vector initializer named after <paramref name="prefix"/>.</summary>
    public string AddInts(string prefix, long[] values) => AddInitializer(prefix, TensorData.FromInt64s([values.Length], values));

    /// <summary>A scalar initializer of <paramref name="type"/> (a float type) holding <paramref name="value"/>.</summary>
    public string AddScalar(string prefix, float value, ElementType type) =>
        AddInitializer(prefix, TensorData.FromFloats([], [value]).CastTo(type));
}
