namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// How a convolution's groups tie its channels. Depthwise (one input channel per group): input channel k goes with
/// its output channels k·m … k·m+m−1, so removing it removes a whole group. Grouped (several input channels per
/// group): every group must keep the same channels, so the same local input channel of every group is tied, and the
/// same local output channel of every group.
/// </summary>
internal static class GroupedChannels
{
    /// <summary>Whether a convolution with <paramref name="group"/> groups over <paramref name="inputChannels"/> channels is depthwise.</summary>
    public static bool IsDepthwise(long group, long inputChannels) => group > 1 && group == inputChannels;

    /// <summary>Ties the channels of a convolution with more than one group; returns false when it cannot.</summary>
    public static bool Tie(Node node, ChannelDependencies deps, int[]? input, int[] output, int group, int inputChannels)
    {
        if (group == 1) return true;
        if (input is null)
        {
            // The input's channels cannot be pruned, so the groups stay: keep the outputs too.
            deps.Fix(output, $"{node.OpType} '{node.Name}' has {group} groups over channels that cannot be pruned");
            return true;
        }
        if (output.Length % group != 0 || input.Length % group != 0) return false;
        if (IsDepthwise(group, inputChannels))
        {
            int m = output.Length / group;
            for (int k = 0; k < group; k++)
                for (int j = 0; j < m; j++) deps.Tie(input[k], output[k * m + j]);
            return true;
        }
        TieAcrossGroups(deps, input, group);
        TieAcrossGroups(deps, output, group);
        return true;
    }

    /// <summary>The local positions (within group 0) that stay, checking that every group keeps the same ones.</summary>
    public static int[] LocalKept(int[] kept, int perGroup, int group, Node node)
    {
        var local = kept.Where(i => i < perGroup).ToArray();
        if (kept.Length != local.Length * group)
            throw new PruneException($"the groups would keep different channels ({kept.Length} of {perGroup * group})", node.Name, node.OpType);
        return local;
    }

    private static void TieAcrossGroups(ChannelDependencies deps, int[] channels, int group)
    {
        int per = channels.Length / group;
        for (int k = 1; k < group; k++)
            for (int i = 0; i < per; i++) deps.Tie(channels[i], channels[k * per + i]);
    }
}
