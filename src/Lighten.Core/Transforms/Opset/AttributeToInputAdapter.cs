namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Ops whose integer-list attribute became input 1 in opset 13: Squeeze and Unsqueeze (<c>axes</c>), ReduceSum
/// (<c>axes</c>; the other reductions wait until opset 18) and Split (<c>split</c>). The attribute becomes an int64
/// initializer read as input 1; an absent attribute leaves the input absent, which means the same.
/// </summary>
internal sealed class AttributeToInputAdapter : OpsetAdapter
{
    /// <summary>The opset in which the attribute became an input.</summary>
    private const long InputSince = 13;

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Squeeze", "Unsqueeze", "ReduceSum", "Split"];

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        var attribute = node.OpType == "Split" ? "split" : "axes";
        if (!ctx.Crosses(InputSince) || node.GetInts(attribute) is not { } values) return null;
        var name = ctx.AddInts($"{node.Name}_{attribute}", values);
        ctx.Builder.ReplaceNode(node.WithoutAttribute(attribute) with { Inputs = [node.Inputs[0], name] });
        return $"{node.OpType} '{node.Name}': {attribute} [{string.Join(", ", values)}] → input";
    }
}
