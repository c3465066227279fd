namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>Which channel groups <see cref="PruneChannels"/> removes: per coupled space (uniform) or ranked across spaces (global).</summary>
internal static class ChannelSelection
{
    /// <summary>The groups to remove, and per space the channels before and after.</summary>
    public static (HashSet<int> Removed, List<(string Space, int Before, int After)> Spaces) Choose(
        IReadOnlyList<ChannelGroup> groups, ChannelPruneOptions options)
    {
        var spaces = groups.GroupBy(g => g.Space, StringComparer.Ordinal)
            .Select(s => new Space(s.Key, s.Count(), [.. s.Where(g => g.KeptBecause is null).OrderBy(g => g.Importance(options.Criterion)).ThenBy(g => g.Id)]))
            .Where(s => s.Prunable.Count > 0).ToList();
        foreach (var s in spaces) s.Cap = Math.Max(0, Math.Min(s.Prunable.Count, s.Total - options.MinChannels));

        var removed = new HashSet<int>();
        if (!options.Global)
        {
            foreach (var s in spaces)
                foreach (var g in s.Prunable.Take(Math.Min(s.Cap, (int)Math.Floor(options.Ratio * s.Prunable.Count)))) Take(s, g, removed);
        }
        else
        {
            bool normalize = options.Criterion != PruneCriterion.BatchNorm;
            var ranked = spaces.SelectMany(s =>
            {
                double mean = s.Prunable.Average(g => g.Importance(options.Criterion));
                return s.Prunable.Select(g => (Space: s, Group: g, Score: normalize && mean > 0 ? g.Importance(options.Criterion) / mean : g.Importance(options.Criterion)));
            }).OrderBy(x => x.Score).ThenBy(x => x.Group.Id);
            int target = (int)Math.Floor(options.Ratio * spaces.Sum(s => s.Prunable.Count));
            foreach (var (space, group, _) in ranked)
            {
                if (removed.Count >= target) break;
                if (space.Removed < space.Cap) Take(space, group, removed);
            }
        }
        return (removed, [.. spaces.Select(s => (s.Name, s.Total, s.Total - s.Removed))]);
    }

    private static void Take(Space space, ChannelGroup group, HashSet<int> removed)
    {
        removed.Add(group.Id);
        space.Removed++;
    }

    private sealed record Space(string Name, int Total, List<ChannelGroup> Prunable)
    {
        public int Cap { get; set; }

        public int Removed { get; set; }
    }
}
