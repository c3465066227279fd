namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// Elementwise ops with broadcasting (Add, Mul, …, and PRelu): inputs with the output's channels are tied channel by
/// channel — a residual Add ties all its branches, a squeeze-excitation Mul its gate; an input broadcast over the
/// channels (one channel) stays; a constant with one value per channel is sliced.
/// </summary>
internal sealed class ElementwiseChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "PRelu"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        var output = node.Outputs[0];
        if (deps.Shape(output) is not { Rank: >= 2 } shape || deps.ChannelCount(output) is not int channels)
        {
            Refuse(node, deps, "has an output of unknown shape");
            return;
        }
        int[]? tied = null;
        foreach (var input in node.Inputs.Where(i => i.Length > 0))
        {
            var inShape = deps.Shape(input);
            if (deps.Channels(input) is { } c)
            {
                if (inShape!.Rank != shape.Rank)
                {
                    Refuse(node, deps, $"broadcasts '{input}' of rank {inShape.Rank} against rank {shape.Rank}");
                    return;
                }
                if (c.Length != channels) continue; // broadcast over the channels
                if (tied is null) tied = c;
                else deps.Tie(tied, c);
            }
            else if (deps.Initializer(input) is null && ChannelAxis(inShape, shape.Rank) is int axis && inShape![axis].Value != 1)
            {
                Refuse(node, deps, $"reads '{input}', which has channels pruning does not track");
                return;
            }
        }
        if (tied is null) deps.CreateFixed(node, output, $"{node.OpType} '{node.Name}' reads no prunable channels");
        else deps.SetChannels(output, tied);
    }

    public override Node Rewrite(Node node, ChannelRewrite ctx)
    {
        if (ctx.Kept(node.Outputs[0]) is not { } kept || !ctx.Shrinks(node.Outputs[0])) return node;
        int rank = ctx.Before.FindValue(node.Outputs[0])!.Shape!.Rank;
        var result = node;
        for (int i = 0; i < node.Inputs.Length; i++)
        {
            if (!node.HasInput(i) || !ctx.Before.Initializers.TryGetValue(node.Inputs[i], out var constant)) continue;
            if (ChannelAxis(constant.Shape, rank) is int axis && constant.Dims[axis] > 1)
                result = ChannelRewrite.WithInput(result, i, ctx.Slice(node.Inputs[i], axis, kept));
        }
        return result;
    }

    /// <summary>The axis of a broadcast operand that lines up with the output's channel axis, or null.</summary>
    private static int? ChannelAxis(TensorShape? shape, int outputRank)
    {
        if (shape is null) return null;
        int axis = 1 - (outputRank - shape.Rank);
        return axis >= 0 && axis < shape.Rank ? axis : null;
    }
}
