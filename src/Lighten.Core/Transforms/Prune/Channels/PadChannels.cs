namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>Pad that pads no channel: the output has the input's channels; padding the channel axis is refused.</summary>
internal sealed class PadChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Pad"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        var pads = node.GetInts("pads") ?? (node.HasInput(1) ? deps.Initializer(node.Inputs[1])?.ToInt64Array() : null);
        int rank = deps.Shape(node.Inputs[0])?.Rank ?? 0;
        if (pads is null || rank < 2 || pads.Length != 2 * rank || (node.HasInput(3) && deps.Initializer(node.Inputs[3]) is null))
            Refuse(node, deps, "pads by amounts that are not constant");
        else if (pads[1] != 0 || pads[rank + 1] != 0 || node.HasInput(3))
            Refuse(node, deps, "pads the channel axis");
        else
            PassThrough(node, deps);
    }
}
