namespace Lighten.Core.Transforms.Prune;

/// <summary>A pruning request that cannot be carried out on a graph: a bad ratio, an unknown excluded node, nothing left to prune.</summary>
public sealed class PruneException(string message, string? node = null, string? opType = null)
    : LightenException(message, null, node, opType);
