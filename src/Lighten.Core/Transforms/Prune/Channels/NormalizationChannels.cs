namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// BatchNormalization and InstanceNormalization: channels pass through; the per-channel parameters (scale, bias, and
/// BatchNormalization's running mean and variance) are sliced. The BatchNormalization scale is the "bn" importance.
/// </summary>
internal sealed class NormalizationChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["BatchNormalization", "InstanceNormalization"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        if (node.Inputs.Skip(1).Any(i => i.Length > 0 && deps.Initializer(i) is null))
        {
            Refuse(node, deps, "has parameters that are not initializers");
            return;
        }
        PassThrough(node, deps);
        if (node.OpType == "BatchNormalization" && deps.Channels(node.Inputs[0]) is { } channels
            && deps.Initializer(node.Inputs[1]) is { } scale && scale.ElementType.IsFloat() && scale.ElementCount == channels.Length)
        {
            var values = scale.ToFloatArray();
            for (int c = 0; c < channels.Length; c++) deps.SetBatchNormScale(channels[c], values[c]);
        }
    }

    public override Node Rewrite(Node node, ChannelRewrite ctx)
    {
        if (ctx.Kept(node.Inputs[0]) is not { } kept) return node;
        var result = node;
        for (int i = 1; i < node.Inputs.Length; i++)
            if (node.HasInput(i)) result = ChannelRewrite.WithInput(result, i, ctx.Slice(node.Inputs[i], 0, kept));
        return result;
    }
}
