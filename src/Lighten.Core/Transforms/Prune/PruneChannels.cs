using System.Collections.Immutable;
using Lighten.Core.Transforms.Prune.Channels;

namespace Lighten.Core.Transforms.Prune;

/// <summary>
/// Structured channel pruning (G5): builds the channel dependency graph (<see cref="ChannelDependencies"/>, one
/// registered <see cref="ChannelRule"/> per op), ranks the groups of channels that must go together by the weights'
/// L1 or L2 norm or the BatchNormalization scale, removes the least important share of them — uniformly per coupled
/// space or globally — and slices every weight they touch, so the network is really smaller and faster. Graph
/// inputs and outputs keep their shapes; channels that reach an op pruning does not follow (a channel shuffle's
/// Reshape/Transpose, say) are kept and the Details say why.
/// </summary>
public static class PruneChannels
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(PruneChannels);

    /// <summary>Prunes <paramref name="graph"/>; the result validates and its outputs have the original shapes.</summary>
    /// <exception cref="OptionException">An option is out of range.</exception>
    /// <exception cref="PruneException">An excluded node does not exist, or a rewrite would break a group structure.</exception>
    public static PassResult Run(Graph graph, ChannelPruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // Exports from other tools share initializers through Identity nodes and give weights as Constant nodes.
        var prepared = Preparation.ModelPreparation.Run(graph, Preparation.PreparationOptions.Rewrite);
        graph = prepared.Graph;
        foreach (var name in options.Exclude)
            if (graph.FindNode(name) is null) throw new PruneException($"{OptionKey.Ref(OptionKey.Exclude)} names no node of the graph: '{name}'", name);

        var deps = Analyze(graph, options.Exclude);
        var groups = deps.Groups();
        var (removedGroups, spaces) = ChannelSelection.Choose(groups, options);
        var details = ImmutableArray.CreateBuilder<string>();
        details.AddRange(prepared.Notes);
        foreach (var (space, before, after) in spaces.Where(s => s.Before != s.After))
            details.Add($"{space}: {before} -> {after} channels");
        foreach (var kept in groups.Where(g => g.KeptBecause is not null).GroupBy(g => g.KeptBecause!, StringComparer.Ordinal))
            details.Add($"kept {kept.Count()} channel group(s): {kept.Key}");
        if (removedGroups.Count == 0) return new PassResult(graph, Name, 0, details.ToImmutable());

        var removed = new bool[deps.Count];
        for (int e = 0; e < removed.Length; e++) removed[e] = removedGroups.Contains(deps.Find(e));
        var builder = new GraphBuilder(deps.Graph);
        var ctx = new ChannelRewrite(deps, removed, builder);
        foreach (var node in deps.Graph.Nodes)
            if (ChannelRules.Find(node) is { } rule && rule.Rewrite(node, ctx) is var rewritten && !rewritten.Equals(node))
                builder.ReplaceNode(rewritten);
        builder.ValueInfos.Clear();
        var pruned = ShapeInference.Run(builder.ToGraph()).Graph;
        GraphValidator.Validate(pruned);
        return new PassResult(pruned, Name, removedGroups.Count, details.ToImmutable());
    }

    /// <summary>The channel dependency graph of <paramref name="graph"/> (shapes are inferred first).</summary>
    public static ChannelDependencies Analyze(Graph graph, IReadOnlyList<string>? exclude = null)
    {
        var g = ShapeInference.Run(graph).Graph;
        var deps = new ChannelDependencies(g);
        foreach (var input in g.Inputs)
            if (!g.Initializers.ContainsKey(input.Name) && deps.ChannelCount(input.Name) is int count)
            {
                var channels = deps.Create(input.Name, count);
                deps.SetChannels(input.Name, channels);
                deps.Fix(channels, $"graph input '{input.Name}' keeps its shape");
            }
        foreach (var node in g.Nodes)
        {
            if (ChannelRules.Find(node) is { } rule) rule.Couple(node, deps);
            else ChannelRule.Refuse(node, deps, node.OpType is "Reshape" or "Transpose"
                ? "may be a channel shuffle or a reshape, which channel pruning does not follow"
                : "is an op channel pruning does not follow");
        }
        foreach (var name in exclude ?? [])
            foreach (var output in g.FindNode(name)!.Outputs)
                if (deps.Channels(output) is { } c) deps.Fix(c, $"node '{name}' is excluded");
        foreach (var output in g.Outputs)
            if (deps.Channels(output.Name) is { } c) deps.Fix(c, $"graph output '{output.Name}' keeps its shape");
        return deps;
    }
}
