namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Clip: the <c>min</c> and <c>max</c> attributes of Clip-6 became optional scalar inputs in opset 11. Each
/// attribute present becomes a scalar initializer of the input's type; an absent one leaves its input absent
/// (no bound), as the attribute's default (the type's lowest or highest value) meant.
/// </summary>
internal sealed class ClipAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Clip"];

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx)
    {
        if (!ctx.Crosses(11)) return null;
        var type = ctx.TypeOf(node.Inputs[0]);
        string Bound(string attribute) => node.Attributes.ContainsKey(attribute)
            ? ctx.AddScalar($"{node.Name}_{attribute}", node.GetFloat(attribute, 0f), type)
            : "";
        string min = Bound("min"), max = Bound("max");
        string[] inputs = max.Length > 0 ? [node.Inputs[0], min, max] : min.Length > 0 ? [node.Inputs[0], min] : [node.Inputs[0]];
        ctx.Builder.ReplaceNode(node.WithoutAttribute("min").WithoutAttribute("max") with { Inputs = [.. inputs] });
        return $"Clip '{node.Name}': min/max → inputs";
    }
}
