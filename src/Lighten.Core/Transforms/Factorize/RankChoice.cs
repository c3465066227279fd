using System.Globalization;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>How a factorization picks its rank: a fixed rank, or the smallest rank keeping a share of the singular values' energy.</summary>
public sealed record RankChoice
{
    private RankChoice(int? rank, double? energy)
    {
        Rank = rank;
        Energy = energy;
    }

    /// <summary>The fixed rank, when chosen so.</summary>
    public int? Rank { get; }

    /// <summary>The share of Σ s² to keep (0 &lt; E ≤ 1), when chosen so.</summary>
    public double? Energy { get; }

    /// <summary>A fixed rank r ≥ 1 (capped at the layer's largest useful rank).</summary>
    public static RankChoice Fixed(int rank) =>
        rank >= 1 ? new(rank, null) : throw new OptionException($"a rank must be at least 1, got {rank}");

    /// <summary>The smallest rank whose singular values hold <paramref name="energy"/> of Σ s² (0 &lt; energy ≤ 1).</summary>
    public static RankChoice OfEnergy(double energy) =>
        energy > 0 && energy <= 1 ? new(null, energy) : throw new OptionException($"an energy share must be in (0, 1], got {energy.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The rank for a basis, at most <paramref name="maxRank"/>.</summary>
    internal int Resolve(Numerics.LeftSingularBasis basis, int maxRank) =>
        Math.Min(maxRank, Rank ?? basis.RankForEnergy(Energy!.Value));

    /// <inheritdoc/>
    public override string ToString() => Rank is int r
        ? $"rank {r}"
        : $"energy {Energy!.Value.ToString("0.####", CultureInfo.InvariantCulture)}";
}
