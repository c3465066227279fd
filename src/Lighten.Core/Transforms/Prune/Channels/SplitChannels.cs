namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// Split along the channels: each output holds a range of the input's channels; the split sizes are rewritten to
/// the channels each range keeps. Along another axis every output has the input's channels.
/// </summary>
internal sealed class SplitChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Split"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        if (deps.Channels(node.Inputs[0]) is not { } channels || deps.Shape(node.Inputs[0]) is not { } shape)
        {
            Refuse(node, deps, "splits channels pruning does not track");
            return;
        }
        long axis = node.GetInt("axis", 0);
        if (axis < 0) axis += shape.Rank;
        if (axis != 1)
        {
            foreach (var output in node.Outputs.Where(o => o.Length > 0)) deps.SetChannels(output, channels);
            return;
        }
        int offset = 0;
        foreach (var output in node.Outputs)
        {
            if (deps.ChannelCount(output) is not int count)
            {
                Refuse(node, deps, $"has an output ('{output}') of unknown channel count");
                return;
            }
            deps.SetChannels(output, channels[offset..(offset + count)]);
            offset += count;
        }
    }

    public override Node Rewrite(Node node, ChannelRewrite ctx)
    {
        var shape = ctx.Before.FindValue(node.Inputs[0])!.Shape!;
        long axis = node.GetInt("axis", 0);
        if (axis < 0) axis += shape.Rank;
        if (axis != 1 || !ctx.Shrinks(node.Inputs[0])) return node;
        var sizes = node.Outputs.Select(o => (long)ctx.KeptCount(o)).ToArray();
        if (sizes.Any(s => s == 0)) throw new PruneException("an output of the split would keep no channel", node.Name, node.OpType);
        var split = TensorData.FromInt64s([sizes.Length], sizes);
        if (ctx.Before.OpsetVersion() >= 13)
        {
            var name = ctx.Add(node.Name + "_split", split);
            var inputs = node.Inputs.Length > 1 ? node.Inputs.SetItem(1, name) : node.Inputs.Add(name);
            return (node with { Inputs = inputs }).WithoutAttribute("num_outputs");
        }
        return node.WithAttribute("split", new IntsAttribute([.. sizes]));
    }
}
