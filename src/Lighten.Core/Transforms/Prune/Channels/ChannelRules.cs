using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>The registered <see cref="ChannelRule"/> classes of this assembly, by op type.</summary>
public static class ChannelRules
{
    private static readonly FrozenDictionary<string, ChannelRule> Rules = Discover();

    /// <summary>The rule of a node's op, or null when channel pruning does not follow that op.</summary>
    public static ChannelRule? Find(Node node) =>
        node.Domain is "" or "ai.onnx" ? Rules.GetValueOrDefault(node.OpType) : null;

    /// <summary>Every op type channel pruning follows, sorted.</summary>
    public static IEnumerable<string> Supported => Rules.Keys.Order(StringComparer.Ordinal);

    private static FrozenDictionary<string, ChannelRule> Discover()
    {
        var map = new Dictionary<string, ChannelRule>(StringComparer.Ordinal);
        foreach (var type in typeof(ChannelRule).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(ChannelRule))) continue;
            var rule = (ChannelRule)Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var op in rule.OpTypes)
                if (!map.TryAdd(op, rule))
                    throw new InvalidOperationException($"op {op} has two channel rules: {map[op].GetType().Name} and {type.Name}");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
