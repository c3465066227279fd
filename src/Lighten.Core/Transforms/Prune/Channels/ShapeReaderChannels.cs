namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>Shape and Size read only the dimensions of their input, which stay valid after pruning; nothing is tied.</summary>
internal sealed class ShapeReaderChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Shape", "Size"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
    }
}
