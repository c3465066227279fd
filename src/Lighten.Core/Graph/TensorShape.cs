using System.Collections.Immutable;

namespace Lighten.Core;

/// <summary>The shape of a tensor of known rank; each dimension may be known, symbolic or unknown.</summary>
public sealed record TensorShape
{
    /// <summary>Creates a shape from its dimensions.</summary>
    public TensorShape(IEnumerable<Dim> dims) => Dims = [.. dims];

    /// <summary>Creates a fully known shape.</summary>
    public TensorShape(params long[] dims) => Dims = [.. dims.Select(Dim.Of)];

    /// <summary>The dimensions, outermost first.</summary>
    public ImmutableArray<Dim> Dims { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>Dimension <paramref name="i"/>; negative indices count from the end.</summary>
    public Dim this[int i] => Dims[i < 0 ? i + Rank : i];

    /// <summary>Whether every dimension is known.</summary>
    public bool IsFullyKnown => Dims.All(d => d.IsKnown);

    /// <summary>The known sizes; throws when a dimension is not known.</summary>
    public long[] ToArray() => [.. Dims.Select(d => d.Value ?? throw new InvalidOperationException($"shape {this} is not fully known"))];

    /// <summary>Number of elements, or null when a dimension is not known.</summary>
    public long? ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Dims)
            {
                if (d.Value is not long v) return null;
                n *= v;
            }
            return n;
        }
    }

    /// <summary>A scalar (rank 0).</summary>
    public static TensorShape Scalar { get; } = new(Array.Empty<long>());

    /// <inheritdoc/>
    public bool Equals(TensorShape? other) => other is not null && Dims.SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Formats as <c>1x3x224x224</c> (symbols by name, unknown as <c>?</c>).</summary>
    public override string ToString() => Rank == 0 ? "scalar" : string.Join("x", Dims);
}
