namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// Conv (weight [Cout, Cin/group, k…]): creates its output channels; plain convolutions read any subset of input
/// channels; depthwise and grouped convolutions tie in to out by group (<see cref="GroupedChannels"/>).
/// </summary>
internal sealed class ConvChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Conv"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        if (!node.HasInput(1) || deps.Initializer(node.Inputs[1]) is not { } w || w.Dims.Length < 3 || !w.ElementType.IsFloat())
        {
            Refuse(node, deps, "has a weight that is not a float initializer");
            return;
        }
        if (node.HasInput(2) && deps.Initializer(node.Inputs[2]) is null)
        {
            Refuse(node, deps, "has a bias that is not an initializer");
            return;
        }
        int group = (int)node.GetInt("group", 1);
        var output = deps.Create(node.Name, (int)w.Dims[0]);
        deps.SetChannels(node.Outputs[0], output);
        var values = w.ToFloatArray();
        for (int o = 0; o < output.Length; o++)
        {
            var (l1, l2) = WeightNorms.Of(values, WeightNorms.Block(w.Dims, [o], WeightNorms.Range(0, w.Dims[1])));
            deps.SetNorms(output[o], l1, l2);
        }
        int inputChannels = deps.ChannelCount(node.Inputs[0]) ?? (int)(w.Dims[1] * group);
        if (!GroupedChannels.Tie(node, deps, deps.Channels(node.Inputs[0]), output, group, inputChannels))
            Refuse(node, deps, $"has {group} groups that do not divide its channels");
    }

    public override Node Rewrite(Node node, ChannelRewrite ctx)
    {
        var keptOut = ctx.Kept(node.Outputs[0]);
        var keptIn = ctx.Kept(node.Inputs[0]);
        if (keptOut is null) return node;
        var w = ctx.Initializer(node.Inputs[1]);
        int group = (int)node.GetInt("group", 1);
        int inputChannels = (int)(w.Dims[1] * group);
        var weight = ctx.Slice(node.Inputs[1], 0, keptOut);
        var result = ChannelRewrite.WithInput(node, 1, weight);
        if (keptIn is not null)
        {
            if (group == 1) result = ChannelRewrite.WithInput(result, 1, ctx.Slice(weight, 1, keptIn));
            else if (GroupedChannels.IsDepthwise(group, inputChannels)) result = result.WithAttribute("group", new IntAttribute(keptIn.Length));
            else result = ChannelRewrite.WithInput(result, 1, ctx.Slice(weight, 1, GroupedChannels.LocalKept(keptIn, (int)w.Dims[1], group, node)));
        }
        if (node.HasInput(2)) result = ChannelRewrite.WithInput(result, 2, ctx.Slice(node.Inputs[2], 0, keptOut));
        return result;
    }
}
