namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>Ops that act on each channel alone (activations, pooling, dropout): the output has the input's channels.</summary>
internal sealed class PassThroughChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes =>
    [
        "Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Softplus", "Softsign",
        "Gelu", "Mish", "Erf", "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Identity", "Dropout", "Cast",
        "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool",
    ];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        if (deps.Channels(node.Inputs[0]) is null)
        {
            foreach (var output in node.Outputs) deps.CreateFixed(node, output, $"{node.OpType} '{node.Name}' reads channels that cannot be pruned");
            return;
        }
        PassThrough(node, deps);
        foreach (var extra in node.Outputs.Skip(1).Where(o => o.Length > 0))
            if (deps.Channels(extra) is null && deps.ChannelCount(extra) is not null)
                deps.Fix(deps.Channels(node.Outputs[0])!, $"{node.OpType} '{node.Name}' has a second output ('{extra}') that pruning does not follow");
    }
}
