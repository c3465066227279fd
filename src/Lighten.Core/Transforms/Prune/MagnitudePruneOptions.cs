using System.Globalization;

namespace Lighten.Core.Transforms.Prune;

/// <summary>How <see cref="PruneMagnitude"/> zeroes weights.</summary>
public sealed record MagnitudePruneOptions
{
    /// <summary>Share of the selected weights set to zero, in [0, 1).</summary>
    public double Sparsity { get; init; } = 0.8;

    /// <summary>False: each layer reaches <see cref="Sparsity"/>; true: one magnitude threshold over all selected layers.</summary>
    public bool Global { get; init; }

    /// <summary>Leave the first layer (the one reading the graph input) dense.</summary>
    public bool ExcludeFirst { get; init; } = true;

    /// <summary>Leave the last layer (the one writing a graph output) dense.</summary>
    public bool ExcludeLast { get; init; } = true;

    /// <summary>Further node names to leave dense.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Throws <see cref="OptionException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (!(Sparsity >= 0 && Sparsity < 1))
            throw new OptionException($"the sparsity must lie in [0, 1), got {Sparsity.ToString(CultureInfo.InvariantCulture)}");
    }
}
