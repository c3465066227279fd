namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// Concat along the channels: the output's channels are its inputs' channels one after the other (each range keeps
/// its offset's owner); along another axis every input has the output's channels and they are tied.
/// </summary>
internal sealed class ConcatChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Concat"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        if (deps.Shape(node.Outputs[0]) is not { Rank: >= 2 } shape)
        {
            Refuse(node, deps, "has an output of unknown shape");
            return;
        }
        long axis = node.GetInt("axis", 1);
        if (axis < 0) axis += shape.Rank;
        var inputs = node.Inputs.Where(i => i.Length > 0).ToArray();
        if (axis != 1)
        {
            var tracked = inputs.Select(deps.Channels).ToArray();
            if (tracked.Any(c => c is null))
            {
                Refuse(node, deps, "joins values whose channels pruning does not track");
                return;
            }
            foreach (var c in tracked.Skip(1)) deps.Tie(tracked[0]!, c!);
            deps.SetChannels(node.Outputs[0], tracked[0]!);
            return;
        }
        var joined = new List<int>();
        foreach (var input in inputs)
        {
            if (deps.Channels(input) is { } c) joined.AddRange(c);
            else if (deps.ChannelCount(input) is int count)
            {
                var fixedChannels = deps.Create(node.Name, count);
                deps.Fix(fixedChannels, $"Concat '{node.Name}' joins '{input}', whose channels cannot be pruned");
                joined.AddRange(fixedChannels);
            }
            else
            {
                Refuse(node, deps, $"joins '{input}' of unknown channel count");
                return;
            }
        }
        deps.SetChannels(node.Outputs[0], [.. joined]);
    }
}
