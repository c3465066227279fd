using Lighten.Core.Ops;

namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>The registered <see cref="ChannelRule"/> classes, by domain and op type.</summary>
public static class ChannelRules
{
    /// <summary>The table: this assembly's rules, plus those registered from outside with <see cref="OpTable{T}.Register(T)"/>.</summary>
    public static OpTable<ChannelRule> Rules { get; } = new("channel rules", typeof(ChannelRule).Assembly);

    /// <summary>The rule of a node's op, or null when channel pruning does not follow that op.</summary>
    public static ChannelRule? Find(Node node) => Rules.Find(node);

    /// <summary>Every op type channel pruning follows, sorted (non-default domains as <c>domain:op</c>).</summary>
    public static IEnumerable<string> Supported => Rules.Names;
}
