using System.Collections.Immutable;

namespace Lighten.Core;

/// <summary>
/// One operator application. <see cref="Inputs"/> and <see cref="Outputs"/> are value names; an empty
/// name marks an optional input or output that is absent, as in ONNX.
/// </summary>
public sealed record Node
{
    /// <summary>Creates a node.</summary>
    public Node(string name, string opType, IEnumerable<string> inputs, IEnumerable<string> outputs,
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null, string domain = "")
    {
        Name = name;
        OpType = opType;
        Domain = domain;
        Inputs = [.. inputs];
        Outputs = [.. outputs];
        Attributes = attributes is null
            ? ImmutableSortedDictionary<string, AttributeValue>.Empty.WithComparers(StringComparer.Ordinal)
            : ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, attributes);
    }

    /// <summary>Unique node name.</summary>
    public string Name { get; init; }

    /// <summary>ONNX op type, such as <c>Conv</c>.</summary>
    public string OpType { get; init; }

    /// <summary>Op domain; empty for the default ONNX domain.</summary>
    public string Domain { get; init; }

    /// <summary>Input value names (empty string: absent optional input).</summary>
    public ImmutableArray<string> Inputs { get; init; }

    /// <summary>Output value names (empty string: absent optional output).</summary>
    public ImmutableArray<string> Outputs { get; init; }

    /// <summary>Attributes by name.</summary>
    public ImmutableSortedDictionary<string, AttributeValue> Attributes { get; init; }

    /// <summary>Whether the node has a present input at position <paramref name="index"/>.</summary>
    public bool HasInput(int index) => index < Inputs.Length && Inputs[index].Length > 0;

    /// <summary>An integer attribute, or <paramref name="fallback"/> when absent.</summary>
    public long GetInt(string name, long fallback) => Attributes.TryGetValue(name, out var a) && a is IntAttribute i ? i.Value : fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/> when absent.</summary>
    public float GetFloat(string name, float fallback) => Attributes.TryGetValue(name, out var a) && a is FloatAttribute f ? f.Value : fallback;

    /// <summary>A string attribute, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string name, string fallback) => Attributes.TryGetValue(name, out var a) && a is StringAttribute s ? s.Value : fallback;

    /// <summary>An integer-list attribute, or null when absent.</summary>
    public long[]? GetInts(string name) => Attributes.TryGetValue(name, out var a) && a is IntsAttribute l ? [.. l.Values] : null;

    /// <summary>A float-list attribute, or null when absent.</summary>
    public float[]? GetFloats(string name) => Attributes.TryGetValue(name, out var a) && a is FloatsAttribute l ? [.. l.Values] : null;

    /// <summary>A tensor attribute, or null when absent.</summary>
    public TensorData? GetTensor(string name) => Attributes.TryGetValue(name, out var a) && a is TensorAttribute t ? t.Value : null;

    /// <summary>A copy with one attribute set.</summary>
    public Node WithAttribute(string name, AttributeValue value) => this with { Attributes = Attributes.SetItem(name, value) };

    /// <summary>A copy without the named attribute.</summary>
    public Node WithoutAttribute(string name) => this with { Attributes = Attributes.Remove(name) };

    /// <inheritdoc/>
    public bool Equals(Node? other) =>
        other is not null && Name == other.Name && OpType == other.OpType && Domain == other.Domain
        && Inputs.SequenceEqual(other.Inputs) && Outputs.SequenceEqual(other.Outputs)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(kv => other.Attributes.TryGetValue(kv.Key, out var v) && Equals(kv.Value, v));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, OpType, Domain);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({OpType}): [{string.Join(", ", Inputs)}] -> [{string.Join(", ", Outputs)}]";
}
