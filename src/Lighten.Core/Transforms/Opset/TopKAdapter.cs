namespace Lighten.Core.Transforms.Opset;

/// <summary>TopK: the <c>k</c> attribute of TopK-1 became input 1 in opset 10, a one-element int64 tensor.</summary>
internal sealed class TopKAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["TopK"];

    /// <inheritdoc/>
    public override string? Refusal(Node node, UpgradeContext ctx) =>
        ctx.Crosses(10) && !node.Attributes.ContainsKey("k") ? "TopK-1 has no k attribute" : null;

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        if (!ctx.Crosses(10)) return null;
        long k = node.GetInt("k", 0);
        var name = ctx.AddInts($"{node.Name}_k", [k]);
        ctx.Builder.ReplaceNode(node.WithoutAttribute("k") with { Inputs = [node.Inputs[0], name] });
        return $"TopK '{node.Name}': k → input";
    }
}
