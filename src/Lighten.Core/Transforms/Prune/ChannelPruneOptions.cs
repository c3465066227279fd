using System.Globalization;

namespace Lighten.Core.Transforms.Prune;

/// <summary>How <see cref="PruneChannels"/> removes channels.</summary>
public sealed record ChannelPruneOptions
{
    /// <summary>Share of the prunable channels to remove, in [0, 1).</summary>
    public double Ratio { get; init; } = 0.5;

    /// <summary>How channel groups are ranked.</summary>
    public PruneCriterion Criterion { get; init; } = PruneCriterion.L1;

    /// <summary>
    /// False (uniform): every coupled channel space loses <see cref="Ratio"/> of its channels. True (global): the
    /// least important <see cref="Ratio"/> of all prunable channels go, ranked across spaces (L1/L2 scores divided by
    /// the mean score of their space; BatchNorm scales compared as they are, as network slimming does).
    /// </summary>
    public bool Global { get; init; }

    /// <summary>Node names whose output channels are kept.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Channels every space keeps at least.</summary>
    public int MinChannels { get; init; } = 1;

    /// <summary>Throws <see cref="OptionException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (!(Ratio >= 0 && Ratio < 1))
            throw new OptionException($"the pruning ratio must lie in [0, 1), got {Ratio.ToString(CultureInfo.InvariantCulture)}");
        if (MinChannels < 1) throw new OptionException($"every channel space keeps at least 1 channel, got {MinChannels}");
    }
}
