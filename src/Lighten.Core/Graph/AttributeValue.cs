using System.Collections.Immutable;

namespace Lighten.Core;

/// <summary>A typed node attribute value, as in ONNX's <c>AttributeProto</c>.</summary>
public abstract record AttributeValue;

/// <summary>An integer attribute.</summary>
public sealed record IntAttribute(long Value) : AttributeValue;

/// <summary>A float attribute.</summary>
public sealed record FloatAttribute(float Value) : AttributeValue;

/// <summary>A string attribute.</summary>
public sealed record StringAttribute(string Value) : AttributeValue;

/// <summary>A list of integers.</summary>
public sealed record IntsAttribute(ImmutableArray<long> Values) : AttributeValue
{
    /// <inheritdoc/>
    public bool Equals(IntsAttribute? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => Values.Length;
}

/// <summary>A list of floats.</summary>
public sealed record FloatsAttribute(ImmutableArray<float> Values) : AttributeValue
{
    /// <inheritdoc/>
    public bool Equals(FloatsAttribute? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => Values.Length;
}

/// <summary>A list of strings.</summary>
public sealed record StringsAttribute(ImmutableArray<string> Values) : AttributeValue
{
    /// <inheritdoc/>
    public bool Equals(StringsAttribute? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => Values.Length;
}

/// <summary>A tensor attribute (for example the value of a Constant node).</summary>
public sealed record TensorAttribute(TensorData Value) : AttributeValue
{
    /// <inheritdoc/>
    public bool Equals(TensorAttribute? other) => other is not null && Value.ContentEquals(other.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value.ElementType, Value.ElementCount);
}

/// <summary>
/// An attribute Lighten does not interpret (a subgraph, a sparse tensor, a type proto), kept as its
/// serialized <c>AttributeProto</c> so that a model round-trips unchanged.
/// </summary>
public sealed record OpaqueAttribute(int AttributeType, ReadOnlyMemory<byte> SerializedProto) : AttributeValue
{
    /// <inheritdoc/>
    public bool Equals(OpaqueAttribute? other) =>
        other is not null && AttributeType == other.AttributeType && SerializedProto.Span.SequenceEqual(other.SerializedProto.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AttributeType, SerializedProto.Length);
}
