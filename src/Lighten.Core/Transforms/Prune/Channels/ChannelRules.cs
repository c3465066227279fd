using System.Collections.Frozen;

namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>The registered <see cref="ChannelRule"/> classes of this assembly, by op type.</summary>
public static class ChannelRules
{
    private static readonly FrozenDictionary<string, ChannelRule> Rules = Lighten.Core.Ops.OpClasses.Discover<ChannelRule>(c => c.OpTypes, "channel rules");

    /// <summary>The rule of a node's op, or null when channel pruning does not follow that op.</summary>
    public static ChannelRule? Find(Node node) =>
        node.Domain is "" or "ai.onnx" ? Rules.GetValueOrDefault(node.OpType) : null;

    /// <summary>Every op type channel pruning follows, sorted.</summary>
    public static IEnumerable<string> Supported => Rules.Keys.Order(StringComparer.Ordinal);
}
