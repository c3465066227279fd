namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// Resize and Upsample that keep the channel count (scale 1 on axis 1): the output has the input's channels; a
/// constant <c>sizes</c> input is rewritten to the kept channel count.
/// </summary>
internal sealed class ResizeChannels : ChannelRule
{
    private const int SizesInput = 3;

    public override IReadOnlyList<string> OpTypes => ["Resize", "Upsample"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        var constants = node.Inputs.Skip(1).Where(i => i.Length > 0).Select(deps.Initializer).ToArray();
        if (constants.Any(c => c is null) || node.Attributes.ContainsKey("axes"))
            Refuse(node, deps, "resizes by amounts that are not constant");
        else
            PassThrough(node, deps);
    }

    public override Node Rewrite(Node node, ChannelRewrite ctx)
    {
        if (node.OpType != "Resize" || !node.HasInput(SizesInput) || !ctx.Shrinks(node.Inputs[0])) return node;
        var sizes = ctx.Initializer(node.Inputs[SizesInput]).ToInt64Array();
        if (sizes.Length < 2) return node;
        sizes[1] = ctx.KeptCount(node.Inputs[0]);
        return ChannelRewrite.WithInput(node, SizesInput, ctx.Add(node.Inputs[SizesInput] + "_pruned", TensorData.FromInt64s([sizes.Length], sizes)));
    }
}
