namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>What Conv and ConvTranspose need before their channels can be followed: a float initializer weight of rank 3 or more, a constant bias.</summary>
internal static class ConvWeight
{
    /// <summary>The node's weight, or null after refusing the node (its channels are then kept, with the reason).</summary>
    public static TensorData? Of(Node node, ChannelDependencies deps)
    {
        if (!node.HasInput(1) || deps.Initializer(node.Inputs[1]) is not { } w || w.Dims.Length < 3 || !w.ElementType.IsFloat())
        {
            ChannelRule.Refuse(node, deps, "has a weight that is not a float initializer");
            return null;
        }
        if (node.HasInput(2) && deps.Initializer(node.Inputs[2]) is null)
        {
            ChannelRule.Refuse(node, deps, "has a bias that is not an initializer");
            return null;
        }
        return w;
    }
}
