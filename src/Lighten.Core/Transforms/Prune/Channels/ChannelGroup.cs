using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// Channels that must be removed together: one channel of a producer and every channel tied to it (through
/// residual Adds, BatchNormalization, activations, the same local channel of every group of a grouped convolution).
/// </summary>
/// <param name="Id">The group's representative element.</param>
/// <param name="Elements">Every element of the group.</param>
/// <param name="Space">The producers whose channels the group holds (groups with the same producers form one coupled channel space).</param>
/// <param name="KeptBecause">Why the group cannot be removed, or null when it can.</param>
/// <param name="L1">Mean absolute value of the producing weights, averaged over the group.</param>
/// <param name="L2">Root mean square of the producing weights, averaged over the group.</param>
/// <param name="BatchNormScale">Mean absolute BatchNormalization scale over the group, when it passes one.</param>
public sealed record ChannelGroup(int Id, ImmutableArray<int> Elements, string Space, string? KeptBecause, double? L1, double? L2, double? BatchNormScale)
{
    /// <summary>The group's importance under <paramref name="criterion"/> (0 when nothing was measured).</summary>
    public double Importance(PruneCriterion criterion) => criterion switch
    {
        PruneCriterion.L2 => L2 ?? 0,
        PruneCriterion.BatchNorm => BatchNormScale ?? L1 ?? 0,
        _ => L1 ?? 0,
    };
}
