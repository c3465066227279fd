namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// ConvTranspose (weight [Cin, Cout/group, k…]): creates its output channels; the weight's first axis follows the
/// input channels, its second the output channels of one group; groups tie as for Conv (<see cref="GroupedChannels"/>).
/// </summary>
internal sealed class ConvTransposeChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["ConvTranspose"];

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
        long perGroupIn = w.Dims[0] / group, perGroupOut = w.Dims[1];
        var output = deps.Create(node.Name, (int)(perGroupOut * group));
        deps.SetChannels(node.Outputs[0], output);
        var values = w.ToFloatArray();
        for (int o = 0; o < output.Length; o++)
        {
            long k = o / perGroupOut, j = o % perGroupOut;
            var (l1, l2) = WeightNorms.Of(values, WeightNorms.Block(w.Dims, WeightNorms.Range(k * perGroupIn, perGroupIn), [j]));
            deps.SetNorms(output[o], l1, l2);
        }
        if (!GroupedChannels.Tie(node, deps, deps.Channels(node.Inputs[0]), output, group, (int)w.Dims[0]))
            Refuse(node, deps, $"has {group} groups that do not divide its channels");
    }

    public override Node Rewrite(Node node, ChannelRewrite ctx)
    {
        var keptOut = ctx.Kept(node.Outputs[0]);
        var keptIn = ctx.Kept(node.Inputs[0]);
        if (keptOut is null) return node;
        var w = ctx.Initializer(node.Inputs[1]);
        int group = (int)node.GetInt("group", 1);
        var weight = node.Inputs[1];
        var result = node;
        if (group == 1)
        {
            if (keptIn is not null) weight = ctx.Slice(weight, 0, keptIn);
            weight = ctx.Slice(weight, 1, keptOut);
        }
        else if (keptIn is not null && GroupedChannels.IsDepthwise(group, w.Dims[0]))
        {
            weight = ctx.Slice(weight, 0, keptIn);
            result = result.WithAttribute("group", new IntAttribute(keptIn.Length));
        }
        else if (keptIn is not null)
        {
            weight = ctx.Slice(weight, 0, keptIn);
            weight = ctx.Slice(weight, 1, GroupedChannels.LocalKept(keptOut, (int)w.Dims[1], group, node));
        }
        result = ChannelRewrite.WithInput(result, 1, weight);
        if (node.HasInput(2)) result = ChannelRewrite.WithInput(result, 2, ctx.Slice(node.Inputs[2], 0, keptOut));
        return result;
    }
}
