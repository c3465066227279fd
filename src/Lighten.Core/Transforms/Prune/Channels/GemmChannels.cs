namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// Gemm (Y = A·B + C with A [M, K] a computed value and B an initializer): creates its N output features; the
/// input features it reads may go (after a Flatten they are the channels times the spatial positions).
/// </summary>
internal sealed class GemmChannels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Gemm"];

    public override void Couple(Node node, ChannelDependencies deps)
    {
        if (node.GetInt("transA", 0) != 0)
        {
            Refuse(node, deps, "transposes its input (transA)");
            return;
        }
        if (deps.Initializer(node.Inputs[1]) is not { } b || b.Dims.Length != 2 || !b.ElementType.IsFloat()
            || (node.HasInput(2) && deps.Initializer(node.Inputs[2]) is null))
        {
            Refuse(node, deps, "has weights that are not float initializers");
            return;
        }
        bool transB = node.GetInt("transB", 0) != 0;
        long n = transB ? b.Dims[0] : b.Dims[1], k = transB ? b.Dims[1] : b.Dims[0];
        var output = deps.Create(node.Name, (int)n);
        deps.SetChannels(node.Outputs[0], output);
        var values = b.ToFloatArray();
        for (int o = 0; o < n; o++)
        {
            var positions = transB ? WeightNorms.Range(o * k, k) : WeightNorms.Range(0, k).Select(i => i * n + o);
            var (l1, l2) = WeightNorms.Of(values, positions);
            deps.SetNorms(output[o], l1, l2);
        }
    }

    public override Node Rewrite(Node node, ChannelRewrite ctx)
    {
        var keptOut = ctx.Kept(node.Outputs[0]);
        if (keptOut is null) return node;
        bool transB = node.GetInt("transB", 0) != 0;
        var weight = ctx.Slice(node.Inputs[1], transB ? 0 : 1, keptOut);
        if (ctx.Kept(node.Inputs[0]) is { } keptIn) weight = ctx.Slice(weight, transB ? 1 : 0, keptIn);
        var result = ChannelRewrite.WithInput(node, 1, weight);
        if (node.HasInput(2) && ctx.Initializer(node.Inputs[2]) is { } c && c.Dims.Length > 0 && c.Dims[^1] == ctx.Before.Initializers[node.Inputs[1]].Dims[transB ? 0 : 1] && c.Dims[^1] > 1)
            result = ChannelRewrite.WithInput(result, 2, ctx.Slice(node.Inputs[2], c.Dims.Length - 1, keptOut));
        return result;
    }
}
