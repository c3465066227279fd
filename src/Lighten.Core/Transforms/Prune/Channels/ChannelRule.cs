namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// What channel pruning knows about one op family: how its inputs' and outputs' channels are tied
/// (<see cref="Couple"/>) and how its weights and attributes change when channels go (<see cref="Rewrite"/>).
/// Subclasses are found and keyed by <see cref="ChannelRules"/>, as Torch-Pruning registers its per-layer pruners.
/// </summary>
public abstract class ChannelRule : Lighten.Core.Ops.IOpHandler
{
    /// <summary>The op types (of <see cref="Domain"/>) the rule handles.</summary>
    public abstract IReadOnlyList<string> OpTypes { get; }

    /// <summary>The op domain; empty for ONNX's default domain.</summary>
    public virtual string Domain => "";

    /// <summary>Records the node's outputs' channels and ties, fixes or scores elements.</summary>
    public abstract void Couple(Node node, ChannelDependencies deps);

    /// <summary>The node after its channels were removed; initializers are sliced through <paramref name="ctx"/>.</summary>
    public virtual Node Rewrite(Node node, ChannelRewrite ctx) => node;

    /// <summary>Ties the output's channels to the first input's (an op that keeps channels as they are).</summary>
    protected static void PassThrough(Node node, ChannelDependencies deps)
    {
        if (deps.Channels(node.Inputs[0]) is { } channels && deps.ChannelCount(node.Outputs[0]) == channels.Length)
            deps.SetChannels(node.Outputs[0], channels);
        else
            Refuse(node, deps, "its output channels differ from its input's");
    }

    /// <summary>Keeps every channel the node reads and writes, saying why (an op or attribute pruning does not follow).</summary>
    protected internal static void Refuse(Node node, ChannelDependencies deps, string why)
    {
        var reason = $"{node.OpType} '{node.Name}' {why}";
        foreach (var input in node.Inputs)
            if (deps.Channels(input) is { } c) deps.Fix(c, reason);
        foreach (var output in node.Outputs) deps.CreateFixed(node, output, reason);
    }
}
