namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// Flatten at axis 1 of [N, C, H, W]: feature c·H·W + s is channel c, so each channel becomes H·W features that a
/// following Gemm reads and that go with the channel.
/// </summary>
internal sealed class FlattenChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Flatten"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        var shape = deps.Shape(node.Inputs[0]);
        long axis = node.GetInt("axis", 1);
        if (shape is not null && axis < 0) axis += shape.Rank;
        if (deps.Channels(node.Inputs[0]) is not { } channels || shape is null || axis != 1)
        {
            Refuse(node, deps, axis != 1 ? $"flattens from axis {axis}, not the channels" : "flattens channels pruning does not track");
            return;
        }
        long spatial = 1;
        for (int d = 2; d < shape.Rank; d++)
        {
            if (shape[d].Value is not long v)
            {
                Refuse(node, deps, "flattens a value of unknown spatial size");
                return;
            }
            spatial *= v;
        }
        deps.SetChannels(node.Outputs[0], [.. channels.SelectMany(c => Enumerable.Repeat(c, (int)spatial))]);
    }
}
